/**
 * Retries an assertion until it holds (the workflow runs asynchronously), for at most `timeoutMs`,
 * trying every `intervalMs` (make it longer when the check itself is heavy).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
