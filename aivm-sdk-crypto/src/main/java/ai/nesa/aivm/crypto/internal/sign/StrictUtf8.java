package ai.nesa.aivm.crypto.internal.sign;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * UTF-8 that refuses unpaired surrogates. {@code String.getBytes} would write {@code ?} for them,
 * and a signature would then cover text other than what the caller holds.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** The UTF-8 bytes of {@code text}, or empty when it holds an unpaired surrogate. */
  public static Optional<byte[]> encode(String text) {
    try {
      ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      return Optional.of(Arrays.copyOfRange(out.array(), out.arrayOffset() + out.position(),
          out.arrayOffset() + out.limit()));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
