package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.sdk.Cid;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPFS baseline: {@code curl} posting a file as one multipart part to the node's {@code add}
 * with the query parameters the SDK's IPFS store sends (raw leaves, 256 KiB chunks, CIDv1, pinned).
 */
final class CurlAdd {
  /** The query of {@code IpfsKernelStore.put}'s {@code add}, parameter for parameter. */
  static final String QUERY =
      "cid-version=1&raw-leaves=true&chunker=size-262144&pin=true&cid-base=base32&progress=false";
  private static final Pattern HASH = Pattern.compile("\"Hash\"\\s*:\\s*\"([^\"]+)\"");

  private CurlAdd() {}

  /** The command that adds {@code file} to the node at {@code rpc}. */
  static List<String> command(URI rpc, Path file) {
    return List.of("curl", "-sS", "--fail-with-body", "-F", "file=@" + file,
        rpc.resolve("/api/v0/add?" + QUERY).toString());
  }

  /** The command as one would type it, the URL quoted. */
  static String shellForm(URI rpc, Path file) {
    List<String> c = command(rpc, file);
    return String.join(" ", c.subList(0, c.size() - 1)) + " \"" + c.get(c.size() - 1) + "\"";
  }

  /** Runs {@link #command} and returns the root CID the node answered. */
  static Cid add(URI rpc, Path file) throws IOException, InterruptedException {
    List<String> command = command(rpc, file);
    Process curl = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (curl.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + curl.exitValue() + ": " + out);
    }
    return rootCid(out);
  }

  /** The last {@code Hash} in an {@code add} answer (one JSON object a line): the root's. */
  static Cid rootCid(String answer) throws IOException {
    String last = null;
    for (Matcher m = HASH.matcher(answer); m.find(); ) {
      last = m.group(1);
    }
    if (last == null) {
      throw new IOException("the add answer names no Hash: " + answer);
    }
    return new Cid(last);
  }
}
