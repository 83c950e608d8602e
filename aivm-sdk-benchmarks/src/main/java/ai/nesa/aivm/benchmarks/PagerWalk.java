package ai.nesa.aivm.benchmarks;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;

/**
 * Walks a whole {@link CatalogServer} catalog through the SDK's lazy pager, {@code listAll}, and
 * checks that every model arrives once, in order: the {@code n}-th id must be
 * {@link SyntheticCatalog#id}{@code (n)}.
 */
final class PagerWalk {
  private PagerWalk() {}

  /**
   * The outcome of a walk.
   *
   * @param count how many models the pager gave
   * @param firstWrong the position of the first model whose id was not the expected one, or -1
   * @param firstWrongId that model's id, or {@code null}
   * @param elapsedNanos how long the walk took
   */
  record Result(long count, long firstWrong, String firstWrongId, long elapsedNanos) {
    boolean isComplete(int expected) {
      return count == expected && firstWrong < 0;
    }
  }

  static Result walk(AivmClient client, int pageSize) {
    long start = System.nanoTime();
    long count = 0;
    long firstWrong = -1;
    String firstWrongId = null;
    for (ModelSummary model : client.models().listAll(ModelListParams.builder().limit(pageSize).build())) {
      String id = model.id().toString();
      if (firstWrong < 0 && !id.equals(SyntheticCatalog.id((int) count))) {
        firstWrong = count;
        firstWrongId = id;
      }
      count++;
    }
    return new Result(count, firstWrong, firstWrongId, System.nanoTime() - start);
  }
}
