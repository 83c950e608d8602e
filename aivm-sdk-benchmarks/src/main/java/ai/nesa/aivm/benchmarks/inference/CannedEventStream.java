package ai.nesa.aivm.benchmarks.inference;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * One {@code createInference} event stream as the gateway document defines it and the devnet
 * gateway writes it ({@code event: NAME}, one {@code data:} line of JSON, a blank line): {@code
 * ack}, then {@code chunks} {@code chunk} events with data {@code {"index":i,"text":"tok"}}, then
 * a {@code done} whose result is the text output of every chunk, consensus {@code none} on one
 * node, and no receipts (as a request with {@code receiptsRequired: false} gets it).
 */
final class CannedEventStream {
  static final String DEPLOYMENT = "dep-1";
  static final String INFERENCE = "inf-1";
  static final String TOKEN = "tok";
  private static final String NODE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String STARTED = "2026-11-25T12:00:00.000Z";
  private static final String COMPLETED = "2026-11-25T12:00:01.000Z";

  private CannedEventStream() {}

  static String ackData() {
    return "{\"id\":\"" + INFERENCE + "\",\"deployment\":\"" + DEPLOYMENT + "\",\"model\":\"bench/generator\","
        + "\"version\":\"0.1.0\",\"nodes\":[\"" + NODE + "\"],\"startedAt\":\"" + STARTED + "\"}";
  }

  static String chunkData(long index) {
    return "{\"index\":" + index + ",\"text\":\"" + TOKEN + "\"}";
  }

  static String doneData(int chunks) {
    String units = Integer.toString(chunks);
    String total = new BigDecimal("0.000001").multiply(BigDecimal.valueOf(5L + chunks))
        .toPlainString();
    String left = BigDecimal.TEN.subtract(new BigDecimal(total)).toPlainString();
    return "{\"id\":\"" + INFERENCE + "\",\"deployment\":\"" + DEPLOYMENT + "\",\"model\":\"bench/generator\","
        + "\"version\":\"0.1.0\",\"output\":{\"type\":\"text\",\"text\":\"" + TOKEN.repeat(chunks) + "\","
        + "\"finishReason\":\"length\"},\"receipts\":[],\"consensus\":{\"policy\":\"none\",\"agreeing\":1,"
        + "\"total\":1,\"dissenters\":[]},\"usage\":{\"unitsIn\":5,\"unitsOut\":" + units + ",\"pricePerUnit\":"
        + "\"0.000001\",\"total\":\"" + total + "\",\"lockRemaining\":\"" + left + "\"},\"startedAt\":\"" + STARTED
        + "\",\"completedAt\":\"" + COMPLETED + "\"}";
  }

  /** The whole stream's bytes: {@code chunks + 2} events. */
  static byte[] bytes(int chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 48 + 4 * chunks + 1024);
    write(out, "ack", ackData());
    for (int i = 0; i < chunks; i++) {
      write(out, "chunk", chunkData(i));
    }
    write(out, "done", doneData(chunks));
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String name, String data) {
    out.writeBytes(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }
}
