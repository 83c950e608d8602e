package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.CryptoException;

/** Typed-data errors that name where they are ({@code message.to.wallet: not an address}). */
final class Eip712Failure {
  private Eip712Failure() {}

  static CryptoException at(String path, String problem) {
    return new CryptoException(CryptoException.Check.TYPED_DATA, path + ": " + problem);
  }
}
