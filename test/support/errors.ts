import { AwsDoublesUsageError } from "aws-doubles";

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}

/** The AwsDoublesUsageError `fn` throws (fails the test when it returns, or throws anything else). */
export function usageErrorOf(fn: () => unknown): AwsDoublesUsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsDoublesUsageError) return error;
    throw new Error(`Expected an AwsDoublesUsageError, got ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`, { cause: error });
  }
  throw new Error("Expected an AwsDoublesUsageError, but the call returned");
}
