/** The error a promise rejects with, for asserting on several of its fields; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ field?: string; message: string; code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { field?: string; message: string; code?: string };
  }
  throw new Error("expected a failure");
}
