package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.devnet.internal.ByteGenerator.Generated;
import ai.nesa.aivm.devnet.internal.ByteGenerator;
import ai.nesa.aivm.devnet.internal.Utf8Pieces;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Byte-level generation's rules: stopping, and tokens handed on as whole UTF-8 characters. */
class ByteGenerationTest {
  /** A model that answers the bytes of {@code script} in turn, whatever the sequence. */
  private static Function<long[], float[]> scripted(byte[] script) {
    int[] next = {0};
    return ids -> {
      float[] logits = new float[256];
      logits[script[next[0]++] & 0xff] = 1;
      return logits;
    };
  }

  @Test
  void aLineFeedStopsGenerationAndIsNotInTheText() {
    List<String> pieces = new ArrayList<>();
    Generated g = ByteGenerator.generate(new byte[] {'a'}, 10, 0, new Random(0),
        scripted("ok\nmore".getBytes(StandardCharsets.UTF_8)), pieces::add);
    assertEquals(new Generated("ok", "stop", 3), g);
    assertEquals(List.of("o", "k"), pieces);
  }

  @Test
  void maxTokensEndsGenerationWithLength() {
    Generated g = ByteGenerator.generate(new byte[] {'a'}, 2, 0, new Random(0),
        scripted("abc".getBytes(StandardCharsets.UTF_8)), p -> { });
    assertEquals(new Generated("ab", "length", 2), g);
  }

  @Test
  void aCharacterSplitOverTokensIsHandedOnWhole() {
    List<String> pieces = new ArrayList<>();
    Generated g = ByteGenerator.generate(new byte[] {'a'}, 4, 0, new Random(0),
        scripted("é€".getBytes(StandardCharsets.UTF_8)), pieces::add);
    assertEquals(List.of("é", "\uFFFD"), pieces, "é once both its bytes were made; the euro sign cut short at the end");
    assertEquals("é\uFFFD", g.text(), "a character cut short decodes as U+FFFD");
  }

  @Test
  void piecesJoinedAreTheTextEvenWhenBytesAreNotUtf8() {
    Utf8Pieces pieces = new Utf8Pieces();
    StringBuilder joined = new StringBuilder();
    for (int b : new int[] {0xc3, 'x', 0x80, 0xe2, 0x82, 0xac, 0xff}) {
      joined.append(pieces.add(b));
    }
    joined.append(pieces.flush());
    assertEquals(pieces.text(), joined.toString());
    assertEquals("\uFFFDx\uFFFD€\uFFFD", joined.toString());
  }
}
