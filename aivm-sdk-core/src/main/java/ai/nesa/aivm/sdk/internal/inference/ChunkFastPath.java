package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.sdk.inference.InferenceEvent;

/**
 * Reads the commonest {@code chunk} data, a text token written compactly as {@code
 * {"index":N,"text":"..."}} with no escape in the text, without a JSON parser: a token stream is
 * thousands of these, and a general parser costs more per event than reading the stream does.
 * Anything else, however slightly different (another field order, whitespace, an escape, a
 * tensor), returns null and is read by the general codec, so the fast path can only ever agree
 * with it.
 */
final class ChunkFastPath {
  private static final String INDEX = "{\"index\":";
  private static final String TEXT = ",\"text\":\"";

  private ChunkFastPath() {}

  /** The chunk, or null when {@code data} is not in the simple form. */
  static InferenceEvent.Chunk read(String data) {
    if (!data.startsWith(INDEX) || !data.endsWith("\"}")) {
      return null;
    }
    int i = INDEX.length();
    int digits = i;
    long index = 0;
    while (i < data.length() && data.charAt(i) >= '0' && data.charAt(i) <= '9') {
      if (i - digits >= 18) {
        return null; // leave numbers near long's range to the general codec
      }
      index = index * 10 + (data.charAt(i) - '0');
      i++;
    }
    if (i == digits || (data.charAt(digits) == '0' && i - digits > 1) || !data.startsWith(TEXT, i)) {
      return null;
    }
    int start = i + TEXT.length();
    int end = data.length() - 2;
    if (end < start) {
      return null;
    }
    for (int k = start; k < end; k++) {
      char c = data.charAt(k);
      if (c == '"' || c == '\\' || c < 0x20) {
        return null;
      }
    }
    return new InferenceEvent.Chunk(index, data.substring(start, end), null);
  }
}
