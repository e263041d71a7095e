/** Configuration errors: bad flags, a bad config file, a missing key. Exit code 2 at the CLI. */
export class ConfigError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}
