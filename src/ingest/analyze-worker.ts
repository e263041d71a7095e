/** Worker thread entry: detect -> redact batches of records (see pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../detect/index.js';
import { type AnalyzeJob, type AnalyzeResult, type AnalyzeSettings, analyzeJob } from './analyze.js';

const settings = workerData as AnalyzeSettings;
const analyzer = createAnalyzer();

parentPort?.on('message', (msg: { id: number; jobs: AnalyzeJob[] }) => {
  let reply: { id: number; results?: AnalyzeResult[]; error?: { code: string; message: string } };
  try {
    reply = { id: msg.id, results: msg.jobs.map((j) => analyzeJob(analyzer, j, settings)) };
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    reply = {
      id: msg.id,
      error: {
        code: typeof err.code === 'string' ? err.code : 'E_ANALYZE',
        message: String(err.message ?? e),
      },
    };
  }
  parentPort?.postMessage(reply);
});
