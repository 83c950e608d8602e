package ai.nesa.aivm.crypto.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.KeyShare;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Shamir;
import ai.nesa.aivm.crypto.Shamir.Commitment;
import ai.nesa.aivm.crypto.internal.shamir.Commitments;
import ai.nesa.aivm.crypto.internal.shamir.Polynomials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** k-of-n sharing of 32-byte keys: reconstruction from every k-subset, and SHARES for everything else. */
class ShamirTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void everyThreeOfFiveSharesGiveTheKeyBack() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split split = Shamir.split(key, 3, 5, RANDOM);
    List<List<KeyShare>> subsets = subsets(split.shares(), 3);
    assertEquals(10, subsets.size());
    for (List<KeyShare> subset : subsets) {
      assertEquals(key, Shamir.combine(subset, split.commitment()), subset.toString());
      List<KeyShare> reversed = new ArrayList<>(subset);
      Collections.reverse(reversed);
      assertEquals(key, Shamir.combine(reversed, split.commitment()), "order does not matter");
    }
    for (int more = 4; more <= 5; more++) {
      for (List<KeyShare> subset : subsets(split.shares(), more)) {
        assertEquals(key, Shamir.combine(subset, split.commitment()), "more than k shares: " + subset);
      }
    }
  }

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource({"1, 1", "1, 4", "2, 2", "2, 6", "4, 6", "6, 6", "5, 9"})
  void everyKSubsetGivesTheKeyAndEveryKMinusOneSubsetIsRefused(int k, int n) {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split split = Shamir.split(key, k, n, RANDOM);
    assertEquals(n, split.shares().size());
    assertEquals(k, split.threshold());
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1, split.shares().get(i).index());
      assertEquals(32, split.shares().get(i).length());
    }
    for (List<KeyShare> subset : subsets(split.shares(), k)) {
      assertEquals(key, Shamir.combine(subset, split.commitment()));
    }
    for (List<KeyShare> subset : subsets(split.shares(), k - 1)) {
      CryptoException e = assertThrows(CryptoException.class, () -> Shamir.combine(subset, split.commitment()));
      assertEquals(Check.SHARES, e.check());
      assertTrue(e.getMessage().contains("needs " + k + " shares"), e.getMessage());
    }
  }

  @Test
  void withOneShareEveryShareIsTheKey() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    for (KeyShare share : Shamir.split(key, 1, 3, RANDOM).shares()) {
      assertEquals(key, share.value());
    }
  }

  /**
   * The threshold count is not the only guard: two shares of a 3-of-5 split, checked against a
   * commitment to the right secret that claims k = 2, interpolate to another value, which the
   * commitment refuses.
   */
  @Test
  void fewerThanKSharesInterpolateToAKeyTheCommitmentRefuses() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[][] values = Polynomials.split(secret, 3, 5, RANDOM);
    assertArrayEquals(secret, Polynomials.interpolateAtZero(new int[] {1, 3, 5}, new byte[][] {values[0], values[2], values[4]}));
    assertFalse(Arrays.equals(secret, Polynomials.interpolateAtZero(new int[] {1, 3}, new byte[][] {values[0], values[2]})));

    byte[] salt = new byte[16];
    byte[] claimsTwo = new byte[51];
    claimsTwo[0] = 1;
    claimsTwo[1] = 2;
    claimsTwo[2] = 32;
    System.arraycopy(salt, 0, claimsTwo, 3, 16);
    System.arraycopy(Commitments.digest(1, 2, salt, secret), 0, claimsTwo, 19, 32);
    List<KeyShare> two = List.of(KeyShare.of(1, SecretBytes.copyOf(values[0])), KeyShare.of(3, SecretBytes.copyOf(values[2])));
    CryptoException e = assertThrows(CryptoException.class, () -> Shamir.combine(two, Commitment.fromBytes(claimsTwo)));
    assertEquals(Check.SHARES, e.check());
    assertTrue(e.getMessage().contains("do not give the committed secret"), e.getMessage());
  }

  @Test
  void aTamperedShareIsRefusedNeverAWrongKey() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split split = Shamir.split(key, 3, 5, RANDOM);
    for (int which = 0; which < 3; which++) {
      for (int at = 0; at < 32; at++) {
        for (int mask : new int[] {0x01, 0x80, 0xff}) {
          List<KeyShare> shares = new ArrayList<>(split.shares().subList(0, 3));
          byte[] value = shares.get(which).value().export();
          value[at] ^= (byte) mask;
          shares.set(which, KeyShare.of(shares.get(which).index(), SecretBytes.copyOf(value)));
          CryptoException e = assertThrows(CryptoException.class, () -> Shamir.combine(shares, split.commitment()));
          assertEquals(Check.SHARES, e.check());
        }
      }
    }
    // A damaged share among more than k good ones is still refused: every share given is used.
    List<KeyShare> all = new ArrayList<>(split.shares());
    byte[] value = all.get(4).value().export();
    value[0] ^= 1;
    all.set(4, KeyShare.of(5, SecretBytes.copyOf(value)));
    assertEquals(Check.SHARES, assertThrows(CryptoException.class, () -> Shamir.combine(all, split.commitment())).check());
  }

  @Test
  void aShareUnderAnotherIndexIsRefused() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 2, 5, RANDOM);
    KeyShare moved = KeyShare.of(7, split.shares().get(1).value());
    assertEquals(Check.SHARES, assertThrows(CryptoException.class,
        () -> Shamir.combine(List.of(split.shares().get(0), moved), split.commitment())).check());
  }

  @Test
  void sharesOfAnotherSplitOrAnotherCommitmentAreRefused() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split a = Shamir.split(key, 2, 3, RANDOM);
    Shamir.Split b = Shamir.split(key, 2, 3, RANDOM);
    assertNotEquals(a.commitment(), b.commitment(), "salted: two splits of one key look unrelated");
    assertEquals(Check.SHARES, assertThrows(CryptoException.class,
        () -> Shamir.combine(List.of(a.shares().get(0), b.shares().get(1)), a.commitment())).check());
    assertEquals(Check.SHARES, assertThrows(CryptoException.class,
        () -> Shamir.combine(a.shares().subList(0, 2), Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM).commitment())).check());
  }

  @Test
  void duplicateIndicesAreRefusedEvenWhenTheSharesAreIdentical() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM);
    KeyShare first = split.shares().get(0);
    KeyShare copy = KeyShare.fromBytes(first.export());
    for (List<KeyShare> shares : List.of(List.of(first, copy), List.of(first, split.shares().get(1), copy))) {
      CryptoException e = assertThrows(CryptoException.class, () -> Shamir.combine(shares, split.commitment()));
      assertEquals(Check.SHARES, e.check());
      assertTrue(e.getMessage().contains("two shares have index 1"), e.getMessage());
    }
  }

  @Test
  void sharesOfTheWrongLengthAreRefused() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM);
    KeyShare shorter = KeyShare.of(2, SecretBytes.random(31, RANDOM));
    CryptoException e = assertThrows(CryptoException.class,
        () -> Shamir.combine(List.of(split.shares().get(0), shorter), split.commitment()));
    assertEquals(Check.SHARES, e.check());
    assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
  }

  @Test
  void indexZeroIsNeverAShare() {
    assertEquals(Check.SHARES, assertThrows(CryptoException.class, () -> KeyShare.of(0, SecretBytes.random(32, RANDOM))).check());
    assertEquals(Check.SHARES, assertThrows(CryptoException.class, () -> KeyShare.of(256, SecretBytes.random(32, RANDOM))).check());
    byte[] encoded = new byte[34];
    encoded[0] = 1; // version 1, index 0
    assertEquals(Check.SHARES, assertThrows(CryptoException.class, () -> KeyShare.fromBytes(encoded)).check());
  }

  @Test
  void noSharesIsFewerThanK() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 1, 2, RANDOM);
    assertEquals(Check.SHARES, assertThrows(CryptoException.class, () -> Shamir.combine(List.of(), split.commitment())).check());
  }

  @Test
  void twoHundredFiftyFiveSharesWork() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split split = Shamir.split(key, 200, 255, RANDOM);
    assertEquals(255, split.shares().get(254).index());
    List<KeyShare> shuffled = new ArrayList<>(split.shares());
    Collections.shuffle(shuffled, RANDOM);
    assertEquals(key, Shamir.combine(shuffled.subList(0, 200), split.commitment()));
    assertEquals(key, Shamir.combine(shuffled, split.commitment()));
    assertEquals(Check.SHARES, assertThrows(CryptoException.class,
        () -> Shamir.combine(shuffled.subList(0, 199), split.commitment())).check());
  }

  @Test
  void splitRefusesImpossibleParametersAndShortSecrets() {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    for (int[] kn : new int[][] {{0, 3}, {4, 3}, {-1, 3}, {2, 256}, {1, 0}}) {
      assertThrows(IllegalArgumentException.class, () -> Shamir.split(key, kn[0], kn[1], RANDOM), Arrays.toString(kn));
    }
    assertEquals(Check.INVALID_KEY, assertThrows(CryptoException.class,
        () -> Shamir.split(SecretBytes.random(15, RANDOM), 2, 3, RANDOM)).check());
    SecretBytes sixteen = SecretBytes.random(16, RANDOM);
    Shamir.Split split = Shamir.split(sixteen, 2, 3, RANDOM);
    assertEquals(sixteen, Shamir.combine(split.shares().subList(1, 3), split.commitment()));
  }

  /** The commitment is exactly the documented hash, so another implementation can check it. */
  @Test
  void theCommitmentIsTheLabelledSaltedSha256OfTheSecret() throws Exception {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    Shamir.Split split = Shamir.split(SecretBytes.copyOf(secret), 3, 5, RANDOM);
    byte[] c = split.commitment().toBytes();
    assertEquals(51, c.length);
    assertEquals(1, c[0]);
    assertEquals(3, c[1]);
    assertEquals(32, c[2]);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("AIVM-SDK/shamir-commitment/v1".getBytes(StandardCharsets.US_ASCII));
    sha256.update(new byte[] {1, 3, 32});
    sha256.update(c, 3, 16);
    assertArrayEquals(sha256.digest(secret), Arrays.copyOfRange(c, 19, 51));
    assertArrayEquals("AIVM-SDK/shamir-commitment/v1".getBytes(StandardCharsets.US_ASCII), Commitments.LABEL);
  }

  @Test
  void commitmentsRoundTripAndRefuseMalformedEncodings() {
    Commitment commitment = Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM).commitment();
    assertEquals(commitment, Commitment.fromBytes(commitment.toBytes()));
    assertEquals(commitment, Commitment.fromHex(commitment.toHex()));
    assertEquals(commitment.toHex(), commitment.toString(), "public, so it prints");
    byte[] good = commitment.toBytes();
    assertEquals(Check.LENGTH, assertThrows(CryptoException.class, () -> Commitment.fromBytes(Arrays.copyOf(good, 50))).check());
    assertEquals(Check.LENGTH, assertThrows(CryptoException.class, () -> Commitment.fromBytes(Arrays.copyOf(good, 52))).check());
    for (int[] change : new int[][] {{0, 2}, {1, 0}, {2, 15}}) {
      byte[] bad = good.clone();
      bad[change[0]] = (byte) change[1];
      assertEquals(Check.FORMAT, assertThrows(CryptoException.class, () -> Commitment.fromBytes(bad)).check());
    }
    assertEquals(Check.FORMAT, assertThrows(CryptoException.class, () -> Commitment.fromHex("0xzz")).check());
  }

  @Test
  void sharesRoundTripThroughTheirEncodingAndNeverPrintTheirValue() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM);
    KeyShare share = split.shares().get(2);
    byte[] encoded = share.export();
    assertEquals(34, encoded.length);
    assertEquals(1, encoded[0], "version");
    assertEquals(3, encoded[1], "index");
    assertArrayEquals(share.value().export(), Arrays.copyOfRange(encoded, 2, 34));
    assertEquals(share, KeyShare.fromBytes(encoded));
    assertEquals(share, KeyShare.fromHex(share.exportHex()));
    String valueHex = Hex.encodePlain(share.value().export());
    assertFalse(share.toString().contains(valueHex));
    assertFalse(split.toString().contains(valueHex));
    assertEquals("KeyShare[index=3, 32 bytes, redacted]", share.toString());

    assertEquals(Check.LENGTH, assertThrows(CryptoException.class, () -> KeyShare.fromBytes(new byte[] {1})).check());
    assertEquals(Check.LENGTH, assertThrows(CryptoException.class, () -> KeyShare.fromBytes(Arrays.copyOf(encoded, 17))).check());
    byte[] version2 = encoded.clone();
    version2[0] = 2;
    assertEquals(Check.FORMAT, assertThrows(CryptoException.class, () -> KeyShare.fromBytes(version2)).check());
    assertEquals(Check.FORMAT, assertThrows(CryptoException.class, () -> KeyShare.fromHex("01 03")).check());
  }

  @Test
  void aDestroyedSplitWipesEveryShare() {
    Shamir.Split split = Shamir.split(SecretBytes.random(32, RANDOM), 2, 3, RANDOM);
    split.destroy();
    assertTrue(split.isDestroyed());
    assertThrows(IllegalStateException.class, () -> split.shares().get(0).export());
    assertThrows(IllegalStateException.class, () -> Shamir.combine(split.shares(), split.commitment()));
  }

  /** With a fixed seed: the split draws its coefficients, then its salt, from the given source. */
  @Test
  void theRandomSourceIsTheOneGiven() throws Exception {
    SecretBytes key = SecretBytes.random(32, RANDOM);
    Shamir.Split a = Shamir.split(key, 3, 5, seeded(7));
    Shamir.Split b = Shamir.split(key, 3, 5, seeded(7));
    assertEquals(a.shares(), b.shares());
    assertEquals(a.commitment(), b.commitment());
  }

  /**
   * One share of a 2-of-n split is uniform whatever the secret: its bytes over many splits of an
   * all-zero key fill the 256 values evenly (chi-squared with 255 degrees of freedom, fixed seed).
   */
  @Test
  void aSingleShareIsUniformlyDistributed() throws Exception {
    SecureRandom random = seeded(42);
    SecretBytes zero = SecretBytes.copyOf(new byte[32]);
    int[] counts = new int[256];
    int splits = 2048; // 2048 × 32 = 65536 bytes, 256 expected per value
    for (int i = 0; i < splits; i++) {
      for (byte b : Shamir.split(zero, 2, 2, random).shares().get(1).value().export()) {
        counts[b & 0xff]++;
      }
    }
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - 256.0) * (c - 256.0) / 256.0;
    }
    // Mean 255, standard deviation 22.6: 360 is beyond 4.6 standard deviations.
    assertTrue(chi2 < 360, "chi-squared " + chi2);
  }

  private static SecureRandom seeded(long seed) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed); // before the first draw: deterministic
    return random;
  }

  private static <T> List<List<T>> subsets(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    collect(items, size, 0, new ArrayList<>(), out);
    return out;
  }

  private static <T> void collect(List<T> items, int size, int from, List<T> current, List<List<T>> out) {
    if (current.size() == size) {
      out.add(List.copyOf(current));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      current.add(items.get(i));
      collect(items, size, i + 1, current, out);
      current.remove(current.size() - 1);
    }
  }
}
