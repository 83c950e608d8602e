package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.KeyShare;
import ai.nesa.aivm.crypto.Keystore;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Shamir;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The crypto module end to end, as a model owner and a node would use it: encrypt a weights file,
 * hand its key to one node (and, k-of-n, to three), let the node decrypt one slice, sign the
 * file's digest as a manifest author, and keep the owner's key in a keystore.
 *
 * <pre>
 * ProtectWeights [WEIGHTS_FILE]
 * </pre>
 *
 * <p>Without an argument it makes a 1 MiB file of its own. Everything it writes goes to a
 * temporary folder that it deletes.
 */
public final class ProtectWeights {
  private ProtectWeights() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    SecureRandom random = new SecureRandom();
    Path work = Files.createTempDirectory("aivm-protect-weights");
    try {
      Path weights = args.length > 0 ? Path.of(args[0]) : sampleWeights(work, random);
      Path sealed = work.resolve("weights.sealed");

      // The owner encrypts the weights under a fresh data key.
      ChunkedEncryption chunked = ChunkedEncryption.aes256Gcm();
      SecretBytes dataKey = chunked.newKey();
      try (InputStream in = Files.newInputStream(weights); OutputStream o = Files.newOutputStream(sealed)) {
        chunked.encrypt(dataKey, in, o);
      }
      out.printf("encrypted %,d bytes to %,d bytes (%s)%n", Files.size(weights), Files.size(sealed), chunked.aeadName());

      // One node gets the data key wrapped to its public key (eciesjs's format, 129 bytes).
      EthPrivateKey node = EthPrivateKey.generate(random);
      byte[] grant = Ecies.wrapKey(node.publicKey(), dataKey, random);
      out.printf("wrapped the data key for node %s: %d bytes%n", node.address(), grant.length);

      // The node unwraps it and decrypts one slice, reading only the chunks under it.
      long offset = Files.size(weights) / 2;
      try (Wiped unwrapped = new Wiped(Ecies.unwrapKey(node, grant));
          ChunkedDecryptor decryptor = chunked.openDecryptor(unwrapped.secret(), sealed)) {
        byte[] slice = decryptor.read(offset, 32);
        byte[] expected = Arrays.copyOfRange(Files.readAllBytes(weights), (int) offset, (int) offset + 32);
        out.printf("node decrypted bytes %,d..%,d: %s%n", offset, offset + 32,
            Arrays.equals(slice, expected) ? "match the weights" : "DO NOT MATCH");
        if (!Arrays.equals(slice, expected)) {
          return 1;
        }
      }

      // k-of-n: three nodes each hold a share; any two rebuild the key, one alone learns nothing.
      Shamir.Split split = Shamir.split(dataKey, 2, 3, random);
      List<KeyShare> two = split.shares().subList(1, 3);
      boolean rebuilt = Shamir.combine(two, split.commitment()).equals(dataKey);
      out.printf("2-of-3 shares: shares 2 and 3 rebuild the key: %s%n", rebuilt);

      // The author signs the sealed file's digest (EIP-712); anyone can check who signed.
      EthPrivateKey author = EthPrivateKey.generate(random);
      Hash32 digest = Keccak256.hash(Files.readAllBytes(sealed));
      TypedData manifest = TypedData.builder()
          .domain(TypedData.Domain.builder().name("AIVM").version("1").chainId(31337).build())
          .type("Kernel", TypedData.field("model", "string"), TypedData.field("version", "string"),
              TypedData.field("weights", "bytes32"), TypedData.field("size", "uint256"))
          .primaryType("Kernel")
          .message(Map.of("model", "acme/sentiment-small", "version", "1.0.0",
              "weights", digest.bytes(), "size", BigInteger.valueOf(Files.size(sealed))))
          .build();
      Signature signature = Eip712.sign(EthSigner.of(author), manifest);
      Address signer = Eip712.recover(manifest, signature);
      Eip712.verify(manifest, signature, author.address());
      out.printf("manifest signed by %s, verified (recovered %s)%n", author.address(), signer);

      // The owner's key goes into a Web3 keystore (light scrypt here; the default is n = 2^18).
      char[] password = "correct horse battery staple".toCharArray();
      String keystore = Keystore.encrypt(author, password, random, Keystore.Params.ofN(1 << 14));
      EthPrivateKey reopened = Keystore.decrypt(keystore, password);
      out.printf("keystore reopened: %s%n", reopened.address().equals(author.address()) ? "same address" : "DIFFERENT");
      out.println("nothing above printed a key: " + dataKey + ", " + author);
      return rebuilt && reopened.address().equals(author.address()) ? 0 : 1;
    } catch (AivmException e) {
      err.println("failed: " + e.getMessage());
      return 1;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Path sampleWeights(Path dir, SecureRandom random) throws IOException {
    byte[] bytes = new byte[1 << 20];
    random.nextBytes(bytes);
    return Files.write(dir.resolve("weights.bin"), bytes);
  }

  /** A secret that is wiped when its try block ends. */
  private record Wiped(SecretBytes secret) implements AutoCloseable {
    @Override
    public void close() {
      secret.destroy();
    }
  }
}
