package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.internal.storage.ObjectRange;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import ai.nesa.aivm.sdk.storage.ContentNotFoundException;
import ai.nesa.aivm.sdk.storage.FileCids;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;

/**
 * A {@link KernelStore} on an IPFS node, spoken to through the Kubo RPC API ({@code /api/v0/…});
 * Kubo and js-ipfs 0.66 both answer it.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li>put: one streaming multipart {@code add?cid-version=1&raw-leaves=true&chunker=size-262144
 *       &pin=true}, hashed by the SDK as it is sent; the node's CID must be the SDK's, else the
 *       object is unpinned and the put fails.
 *   <li>held: pinned recursively ({@code pin/ls}) and its root present ({@code block/stat}).
 *   <li>read: the root and interior nodes, then each raw leaf, by {@code block/get}, every block
 *       hashed against its CID before it is used.
 *   <li>delete: {@code pin/rm}; the blocks stay until the node's garbage collection.
 * </ul>
 *
 * <h2>Dialects</h2>
 *
 * <p>js-ipfs writes numbers where Kubo writes strings, and base58btc CIDs unless asked for
 * base32; CIDs are compared as binary and numbers read either way. js-ipfs waits forever for a
 * block it does not have, so every {@code block/*} call carries {@code timeout=}.
 */
public final class IpfsKernelStore implements KernelStore {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration IO_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(10);

  private final OkHttpClient http;
  private final OkHttpClient shortCalls;
  private final IpfsRpc rpc;
  private final IpfsRpc shortRpc;
  private final VerifiedBlocks blocks;
  private final URI endpoint;
  private volatile boolean closed;

  private IpfsKernelStore(URI endpoint, Duration blockTimeout) {
    this.endpoint = endpoint;
    // Uploads and reads are bounded by inactivity (read/write timeouts), since a kernel may take
    // minutes to send; the small calls also get a whole-call timeout.
    this.http = new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(IO_TIMEOUT)
        .writeTimeout(IO_TIMEOUT)
        .build();
    this.shortCalls = http.newBuilder().callTimeout(CALL_TIMEOUT.plus(blockTimeout)).build();
    this.rpc = new IpfsRpc(http, endpoint);
    this.shortRpc = new IpfsRpc(shortCalls, endpoint);
    this.blocks = new VerifiedBlocks(shortRpc, blockTimeout.toMillis() + "ms");
  }

  /**
   * A store on the node whose RPC API is at {@code rpc} (e.g. {@code http://127.0.0.1:5001}).
   *
   * @throws AivmValidationException when {@code rpc} is not an http(s) URI
   */
  public static IpfsKernelStore connect(URI rpc) {
    return connect(rpc, BLOCK_TIMEOUT);
  }

  /** As {@link #connect(URI)}, with how long the node may look for a block it should hold. */
  public static IpfsKernelStore connect(URI rpc, Duration blockTimeout) {
    Objects.requireNonNull(rpc, "rpc");
    if (rpc.getScheme() == null || !rpc.getScheme().matches("https?") || rpc.getHost() == null) {
      throw AivmValidationException.of("rpc", "http-uri", String.valueOf(rpc),
          "the IPFS RPC endpoint is an http(s) URI such as http://127.0.0.1:5001");
    }
    if (blockTimeout.isNegative() || blockTimeout.isZero()) {
      throw new IllegalArgumentException("blockTimeout > 0: " + blockTimeout);
    }
    return new IpfsKernelStore(rpc, blockTimeout);
  }

  @Override
  public StoredObject put(InputStream content) {
    return put(content, Optional.empty());
  }

  @Override
  public StoredObject put(InputStream content, Cid expected) {
    CidBytes.decode(Objects.requireNonNull(expected, "expected")); // a bad CID fails before any byte is read
    return put(content, Optional.of(expected));
  }

  private StoredObject put(InputStream content, Optional<Cid> expected) {
    Objects.requireNonNull(content, "content");
    requireOpen();
    HashingBody body = new HashingBody(content);
    HttpUrl url = rpc.url("add", Map.of("cid-version", "1", "raw-leaves", "true", "chunker", "size-262144",
        "pin", "true", "cid-base", "base32", "progress", "false"));
    MultipartBody multipart = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("file", "kernel-object", body)
        .build();
    List<Object> answer;
    try {
      answer = rpc.json("add", url, multipart);
    } catch (AivmIoException e) {
      if (body.sourceFailure() != null) {
        IOException cause = body.sourceFailure();
        throw new AivmIoException("could not read the content to put into IPFS: " + cause.getMessage(), cause);
      }
      throw e;
    }
    FileCids cids = body.cids();
    if (cids == null) {
      throw new AivmIoException("the IPFS node answered add before it had all the content");
    }
    Cid returned = addedCid(answer);
    Cid ours = cids.cidV1();
    if (!sameCid(returned, ours)) {
      unpinQuietly(returned);
      throw new ContentMismatchException("the IPFS node stored the content as " + returned + " but its CID is "
          + ours + "; the node's copy was unpinned", ours, returned, -1);
    }
    if (expected.isPresent() && !CidBytes.sameCid(expected.get(), ours)) {
      unpinQuietly(ours);
      throw ContentMismatchException.ofObject(expected.get(), ours);
    }
    return new StoredObject(ours, cids.size());
  }

  /** The root CID in {@code add}'s answer: the last entry with a {@code Hash}. */
  private static Cid addedCid(List<Object> answer) {
    try {
      return lastHash(answer);
    } catch (IllegalArgumentException e) {
      throw new IpfsRpcException("add", 200, "the answer is malformed: " + e.getMessage());
    }
  }

  private static Cid lastHash(List<Object> answer) {
    Cid cid = null;
    for (Object value : answer) {
      if (value instanceof Map<?, ?> entry) {
        Object hash = entry.get("Hash");
        if (hash == null) {
          hash = entry.get("Cid");
        }
        Optional<Cid> parsed = Wire.cid(hash);
        if (parsed.isPresent()) {
          cid = parsed.get();
          if (entry.get("Size") != null) {
            Wire.size(entry.get("Size")); // a number (js-ipfs) or a string (Kubo); anything else is a broken answer
          }
        }
      }
    }
    if (cid == null) {
      throw new IpfsRpcException("add", 200, "the answer names no CID: " + answer);
    }
    return cid;
  }

  private static boolean sameCid(Cid a, Cid b) {
    return CidBytes.decode(a).sameBlockAs(CidBytes.decode(b));
  }

  private void unpinQuietly(Cid cid) {
    try {
      shortRpc.json("pin/rm", Map.of("arg", cid.value(), "recursive", "true"));
    } catch (RuntimeException e) {
      // Best effort: the put fails anyway, and an orphan pin is only disk the node's owner can free.
    }
  }

  @Override
  public boolean has(Cid cid) {
    requireOpen();
    CidBytes.decode(cid);
    if (!pinned(cid)) {
      return false;
    }
    try {
      shortRpc.json("block/stat", Map.of("arg", cid.value(), "timeout", blocks.timeout()));
      return true;
    } catch (IpfsRpcException e) {
      return false;
    }
  }

  /** Whether the node pins {@code cid} recursively. */
  private boolean pinned(Cid cid) {
    CidBytes wanted = CidBytes.decode(cid);
    List<Object> answer;
    try {
      answer = shortRpc.json("pin/ls", Map.of("arg", cid.value(), "type", "recursive", "cid-base", "base32"));
    } catch (IpfsRpcException e) {
      if (e.rpcMessage().contains("not pinned")) {
        return false;
      }
      throw e;
    }
    try {
      return Wire.pinnedCids(answer).stream().anyMatch(c -> CidBytes.decode(c).sameBlockAs(wanted));
    } catch (IllegalArgumentException e) {
      throw new IpfsRpcException("pin/ls", 200, "the answer is malformed: " + e.getMessage());
    }
  }

  @Override
  public OptionalLong size(Cid cid) {
    requireOpen();
    CidBytes bytes = CidBytes.decode(cid);
    if (!pinned(cid)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(VerifiedBlocks.fileSize(bytes, blocks.get(bytes, cid, -1)));
  }

  @Override
  public InputStream open(Cid cid) {
    return openRange(cid, 0, OptionalLong.empty());
  }

  @Override
  public InputStream open(Cid cid, long offset, long length) {
    ObjectRange.checkRequest(cid, offset, length);
    return openRange(cid, offset, OptionalLong.of(length));
  }

  private InputStream openRange(Cid cid, long offset, OptionalLong requested) {
    requireOpen();
    CidBytes root = CidBytes.decode(cid);
    if (!pinned(cid)) {
      throw new ContentNotFoundException(cid, "the IPFS node does not pin " + cid);
    }
    byte[] rootBlock = blocks.get(root, cid, -1);
    long size = VerifiedBlocks.fileSize(root, rootBlock);
    long length = ObjectRange.length(cid, offset, requested, size);
    List<Leaf> leaves = blocks.leaves(root, rootBlock, offset, offset + length);
    return new IpfsBlockStream(blocks, cid, leaves, offset, length);
  }


  @Override
  public boolean delete(Cid cid) {
    requireOpen();
    if (!pinned(cid)) {
      return false;
    }
    try {
      shortRpc.json("pin/rm", Map.of("arg", cid.value(), "recursive", "true"));
      return true;
    } catch (IpfsRpcException e) {
      if (e.rpcMessage().contains("not pinned")) {
        return false; // unpinned since
      }
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the IPFS kernel store on " + endpoint + " is closed");
    }
  }

  @Override
  public String toString() {
    return "IpfsKernelStore{" + endpoint + "}";
  }
}
