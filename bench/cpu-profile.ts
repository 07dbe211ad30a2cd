import { Session, type Profiler } from 'node:inspector/promises';
import { packageOf } from './support';

export interface ProfileShare {
  part: string;
  /** Share of the sampled time, in percent. */
  share: number;
}

/** Who a sampled frame belongs to: a package, one of our folders, Node itself, or the idle loop. */
function partOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = packageOf(url);
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  const ours = /\/(functions|local|bench|test)\/([^/]+)/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/**
 * The CPU profile of this process while `work` runs, as self time per part, largest first: where
 * the process spends what it does not wait for. `(idle)` is time spent waiting (on DynamoDB Local,
 * another process).
 */
export async function profileWhile<T>(work: () => Promise<T>, top = 14): Promise<{ result: T; shares: ProfileShare[] }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  let result: T;
  let profile: Profiler.Profile;
  try {
    result = await work();
  } finally {
    ({ profile } = await session.post('Profiler.stop'));
    session.disconnect();
  }
  const hits = new Map<string, number>();
  for (const node of profile.nodes) {
    const part = partOf(node.callFrame.url, node.callFrame.functionName);
    hits.set(part, (hits.get(part) ?? 0) + (node.hitCount ?? 0));
  }
  const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  const shares = [...hits.entries()]
    .map(([part, count]) => ({ part, share: Math.round((1000 * count) / total) / 10 }))
    .sort((a, b) => b.share - a.share)
    .slice(0, top);
  return { result, shares };
}
