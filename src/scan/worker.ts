/** Worker thread entry: builds its own analyzer from the configuration and analyzes batches. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanConfig } from '../config/index.js';
import type { DetectOptions } from '../detect/index.js';
import { analyzeItem } from './analyze.js';
import { buildAnalyzer, type WorkerReply } from './engine.js';
import type { WorkItem } from './types.js';

const data = workerData as { config: ScanConfig; detect: DetectOptions };
const analyzer = buildAnalyzer(data.config);

parentPort?.on('message', (msg: { id: number; batch: WorkItem[] }) => {
  let reply: WorkerReply;
  try {
    reply = { id: msg.id, results: msg.batch.map((item) => analyzeItem(analyzer, item, data.detect)) };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    reply = {
      id: msg.id,
      error: {
        code: typeof err.code === 'string' ? err.code : 'E_WORKER',
        message: String(err.message ?? e),
      },
    };
  }
  parentPort?.postMessage(reply);
});
