package ai.nesa.aivm.benchmarks;

import java.util.List;

/**
 * A deterministic model catalog of a given size that stores nothing: the model at each index is
 * computed from the index alone, so 100,000 models cost no memory until a page is rendered.
 *
 * <p>Index {@code i} has task {@code TASKS[i % 8]}. That makes the {@code task} filter plain
 * arithmetic: the {@code p}-th model of task {@code t} is index {@code p * 8 + t}, and a filtered
 * page is as cheap to find as an unfiltered one.
 */
public final class SyntheticCatalog {
  /** The gateway document's known tasks; a model's task is chosen by its index. */
  public static final List<String> TASKS = List.of(
      "text-classification", "text-generation", "image-classification", "embedding",
      "object-detection", "speech-recognition", "tabular-classification", "tabular-regression");
  private static final List<String> ORGS = List.of("acme", "nesa-labs", "openvision", "lingua", "tabula");

  private final int size;

  public SyntheticCatalog(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("a catalog cannot have " + size + " models");
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** The id of the model at {@code index}, such as {@code openvision/model-00042}. */
  public static String id(int index) {
    String digits = Integer.toString(index);
    StringBuilder id = new StringBuilder(32).append(ORGS.get(index % ORGS.size())).append("/model-");
    for (int i = digits.length(); i < 5; i++) {
      id.append('0');
    }
    return id.append(digits).toString();
  }

  /** The task of the model at {@code index}. */
  public static String task(int index) {
    return TASKS.get(index % TASKS.size());
  }

  /** How many models the filter leaves; a {@code null} task leaves them all. */
  public int count(String task) {
    if (task == null) {
      return size;
    }
    int t = TASKS.indexOf(task);
    return t < 0 || t >= size ? 0 : (size - 1 - t) / TASKS.size() + 1;
  }

  /** The catalog index of the {@code position}-th model (from 0) that the filter leaves. */
  public int indexAt(String task, int position) {
    return task == null ? position : position * TASKS.size() + TASKS.indexOf(task);
  }
}
