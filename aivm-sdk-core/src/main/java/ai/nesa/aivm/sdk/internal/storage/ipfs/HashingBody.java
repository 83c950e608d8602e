package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.storage.CidHasher;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.FileCids;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The bytes of a put as an upload body: written to the node straight from the caller's stream
 * while the SDK's hasher sees the same bytes, so memory stays at one buffer and the SDK's CID is
 * ready when the upload ends.
 *
 * <p>One-shot: the caller's stream cannot be replayed, so OkHttp must never retry it.
 */
final class HashingBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private final InputStream content;
  private final CidHasher hasher = ContentIds.v1Only().newHasher();
  private volatile FileCids cids;
  private volatile IOException sourceFailure;

  HashingBody(InputStream content) {
    this.content = content;
  }

  @Override
  public MediaType contentType() {
    return OCTET_STREAM;
  }

  @Override
  public boolean isOneShot() {
    return true;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    if (cids != null) {
      throw new IllegalStateException("a put's body is written once");
    }
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int n;
      try {
        n = content.read(buffer);
      } catch (IOException e) {
        sourceFailure = e; // the caller's stream failed, not the node
        throw e;
      }
      if (n < 0) {
        break;
      }
      hasher.update(buffer, 0, n);
      sink.write(buffer, 0, n);
    }
    cids = hasher.finish();
  }

  /** The CIDs of the bytes written, once the whole body was written. */
  FileCids cids() {
    return cids;
  }

  /** The caller's stream's failure, when that is what stopped the upload. */
  IOException sourceFailure() {
    return sourceFailure;
  }
}
