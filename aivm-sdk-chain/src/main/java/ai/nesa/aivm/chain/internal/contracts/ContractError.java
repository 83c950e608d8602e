package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A custom error the AivmLedger contract reverted with, decoded from the revert data: its name and
 * its arguments (addresses as {@link Address}, integers as {@link BigInteger}, strings as text),
 * and the {@code Ledger} SPI's code it stands for.
 *
 * <pre>{@code
 * assertEquals(ContractError.of("NonceMismatch", signer, 0, 5), ledger.rejection(call));
 * }</pre>
 */
public record ContractError(String name, List<Object> args) {
  /** The contract's errors (AivmRequests.sol), by the selector of their signature. */
  private static final Map<String, Declaration> DECLARED = Stream.of(
          new Declaration("InvalidSignature", "address", List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {})),
          new Declaration("DeadlinePassed", "uint256,uint256",
              List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {})),
          new Declaration("NonceMismatch", "address,uint256,uint256",
              List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint256>() {},
                  new TypeReference<Uint256>() {})),
          new Declaration("NotAllowed", "address,string",
              List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Utf8String>() {})),
          new Declaration("NotFound", "string", List.of(new TypeReference<Utf8String>() {})),
          new Declaration("Conflict", "string", List.of(new TypeReference<Utf8String>() {})),
          new Declaration("Invalid", "string", List.of(new TypeReference<Utf8String>() {})),
          // Solidity's own: require(..., "text") and a panic (overflow, ...); AivmLedger raises neither.
          new Declaration("Error", "string", List.of(new TypeReference<Utf8String>() {})),
          new Declaration("Panic", "uint256", List.of(new TypeReference<Uint256>() {})))
      .collect(Collectors.toMap(Declaration::selector, Function.identity()));

  /** The SPI's code of each of the contract's errors; Solidity's own count as {@code INVALID}. */
  private static final Map<String, LedgerError.Code> CODES = Map.of(
      "InvalidSignature", LedgerError.Code.INVALID_SIGNATURE,
      "DeadlinePassed", LedgerError.Code.DEADLINE_PASSED,
      "NonceMismatch", LedgerError.Code.NONCE_MISMATCH,
      "NotAllowed", LedgerError.Code.NOT_ALLOWED,
      "NotFound", LedgerError.Code.NOT_FOUND,
      "Conflict", LedgerError.Code.CONFLICT);

  public ContractError {
    args = List.copyOf(args);
  }

  /** The {@code Ledger} SPI's code for this error. */
  public LedgerError.Code code() {
    return CODES.getOrDefault(name, LedgerError.Code.INVALID);
  }

  /** The error as Solidity writes it, such as {@code NonceMismatch(0x70997970…, 1, 0)} or {@code NotFound("model")}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(name).append('(');
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      text.append(i == 0 ? "" : ", ").append(arg instanceof String ? "\"" + arg + "\"" : arg);
    }
    return text.append(')').toString();
  }

  /** The error {@code name} with {@code args}; {@code int} and {@code long} arguments become {@link BigInteger}. */
  public static ContractError of(String name, Object... args) {
    List<Object> normalized = new ArrayList<>();
    for (Object arg : args) {
      normalized.add(arg instanceof Integer || arg instanceof Long ? BigInteger.valueOf(((Number) arg).longValue()) : arg);
    }
    return new ContractError(name, normalized);
  }

  /**
   * Decodes revert data ({@code 0x}, a 4-byte selector, the ABI-encoded arguments).
   *
   * @throws IllegalArgumentException when the selector is none of the contract's errors
   */
  public static ContractError decode(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      throw new IllegalArgumentException("no custom error in the revert data: " + revertData);
    }
    Declaration declaration = DECLARED.get(revertData.substring(0, 10).toLowerCase());
    if (declaration == null) {
      throw new IllegalArgumentException("not one of the contract's errors: " + revertData);
    }
    List<Object> args = new ArrayList<>();
    for (Type<?> value : FunctionReturnDecoder.decode(revertData.substring(10), Utils.convert(declaration.types()))) {
      args.add(value instanceof org.web3j.abi.datatypes.Address a ? Address.of(a.getValue()) : value.getValue());
    }
    return new ContractError(declaration.name(), args);
  }

  private record Declaration(String name, String parameters, List<TypeReference<?>> types) {
    String selector() {
      byte[] signature = (name + "(" + parameters + ")").getBytes(StandardCharsets.US_ASCII);
      return Hex.encode(Arrays.copyOf(Keccak256.digest(signature), 4));
    }
  }
}
