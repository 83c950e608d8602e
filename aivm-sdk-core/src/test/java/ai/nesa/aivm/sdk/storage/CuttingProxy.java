package ai.nesa.aivm.sdk.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of an IPFS node's RPC API that resets a connection part way through the
 * body of an {@code add} request, for tests of what an upload does when its connection is cut.
 *
 * <pre>{@code
 * try (CuttingProxy proxy = CuttingProxy.start(node.rpc())) {
 *   proxy.cutAfter(1_000_000); // the next add bodies stop after 1,000,000 bytes, counted together
 *   KernelStore store = KernelStore.ipfs(proxy.uri());
 *   ...
 * }
 * }</pre>
 *
 * <h2>What is counted</h2>
 *
 * <p>The proxy frames each connection's HTTP/1.1 requests (headers, then a {@code Content-Length}
 * or chunked body), so it knows which bytes are the body of a {@code POST /api/v0/add}. Once
 * {@linkplain #cutAfter armed}, it counts those bytes, framing of a chunked body included, across
 * every connection; when the count reaches the limit it forwards the last allowed byte, then
 * resets both sides (SO_LINGER 0 and close: an RST each way) and disarms. Every other byte, and
 * every byte while disarmed, passes untouched. Answers from the node are never looked at.
 *
 * <p>Two threads per connection; {@link #close()} resets every connection and stops them.
 */
final class CuttingProxy implements AutoCloseable {
  private static final String ADD_REQUEST = "POST /api/v0/add?";
  private static final int MAX_HEAD = 64 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private long limit = -1;
  private long counted;
  private int cuts;
  private volatile boolean closed;

  private CuttingProxy(InetSocketAddress target, ServerSocket server) {
    this.target = target;
    this.server = server;
  }

  /** A proxy on a free loopback port forwarding to {@code rpc}'s host and port, disarmed. */
  static CuttingProxy start(URI rpc) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    CuttingProxy proxy = new CuttingProxy(new InetSocketAddress(rpc.getHost(), rpc.getPort()), server);
    Thread acceptor = new Thread(proxy::accept, "cutting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  /** The RPC API's base URI through the proxy. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Cut the connection carrying an {@code add} body once {@code bytes} bytes of {@code add} bodies
   * have been forwarded from now on.
   */
  void cutAfter(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes >= 1: " + bytes);
    }
    synchronized (lock) {
      limit = bytes;
      counted = 0;
    }
  }

  /** Forward everything from now on. */
  void passThrough() {
    synchronized (lock) {
      limit = -1;
      counted = 0;
    }
  }

  /** How many connections the proxy has cut. */
  int cuts() {
    synchronized (lock) {
      return cuts;
    }
  }

  /**
   * Takes up to {@code n} bytes of an add body from the allowance: how many may be forwarded and
   * whether the connection is to be cut after them (the cut is counted now, and disarms).
   */
  private Allowance take(int n) {
    synchronized (lock) {
      if (limit < 0) {
        return new Allowance(n, false);
      }
      long left = limit - counted;
      if (n < left) {
        counted += n;
        return new Allowance(n, false);
      }
      limit = -1;
      counted = 0;
      cuts++;
      return new Allowance((int) left, true);
    }
  }

  private record Allowance(int bytes, boolean cut) {}

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = new Socket();
      sockets.add(client);
      sockets.add(upstream);
      try {
        upstream.connect(target, 5_000);
      } catch (IOException e) {
        reset(client, upstream);
        continue;
      }
      Connection c = new Connection(client, upstream);
      start("cutting-proxy-request", c::forwardRequests);
      start("cutting-proxy-answer", c::forwardAnswers);
    }
  }

  private static void start(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private void reset(Socket... pair) {
    for (Socket s : pair) {
      try {
        if (!s.isClosed()) {
          s.setSoLinger(true, 0);
        }
      } catch (SocketException e) {
        // not connected: closing is all there is to do
      }
      closeQuietly(s);
      sockets.remove(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Resets every connection and stops listening. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // stopping anyway
    }
    reset(sockets.toArray(Socket[]::new));
  }

  /** One client connection and its connection to the node. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private int done;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    /** Copies the node's answers back, untouched. */
    void forwardAnswers() {
      try (InputStream in = upstream.getInputStream()) {
        OutputStream out = client.getOutputStream();
        in.transferTo(out);
        client.shutdownOutput();
      } catch (IOException e) {
        reset(client, upstream);
      } finally {
        finish();
      }
    }

    /** Copies requests to the node, framing them to count add bodies and cut one. */
    void forwardRequests() {
      try {
        InputStream in = client.getInputStream();
        OutputStream out = new BufferedOutputStream(upstream.getOutputStream(), 64 * 1024);
        RequestFramer framer = new RequestFramer();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (!framer.forward(buffer, n, out)) {
            out.flush();
            reset(client, upstream);
            return;
          }
          out.flush();
        }
        upstream.shutdownOutput();
      } catch (IOException e) {
        reset(client, upstream);
      } finally {
        finish();
      }
    }

    private void finish() {
      synchronized (this) {
        if (++done < 2) {
          return;
        }
      }
      reset(client, upstream);
    }
  }

  /** The client-to-node byte stream cut into requests: head, then body by length or by chunks. */
  private final class RequestFramer {
    private final StringBuilder line = new StringBuilder(); // one char per byte (ISO-8859-1)
    private State state = State.HEAD;
    private boolean add;
    private long left; // body bytes (FIXED) or chunk data bytes (CHUNK_DATA, CHUNK_END) still to come

    /**
     * Forwards {@code n} bytes of {@code buffer} to {@code out}; false when the connection is to be
     * cut now (what was allowed is written).
     */
    boolean forward(byte[] buffer, int n, OutputStream out) throws IOException {
      int i = 0;
      while (i < n) {
        boolean bulk = state == State.FIXED || state == State.CHUNK_DATA;
        int run = bulk ? (int) Math.min(left, n - i) : 1;
        Allowance allowance = add && state != State.HEAD ? take(run) : new Allowance(run, false);
        out.write(buffer, i, allowance.bytes());
        if (allowance.cut()) {
          return false;
        }
        if (bulk) {
          left -= run;
          if (left == 0 && state == State.FIXED) {
            state = State.HEAD;
          } else if (left == 0) {
            state = State.CHUNK_END;
            left = 2; // the CRLF after a chunk's data
          }
        } else {
          frame(buffer[i]);
        }
        i += run;
      }
      return true;
    }

    /** Takes one byte of a head, a chunk-size line, a chunk's CRLF or a trailer line. */
    private void frame(byte b) throws IOException {
      if (state == State.CHUNK_END) {
        if (--left == 0) {
          state = State.CHUNK_SIZE;
        }
        return;
      }
      line.append((char) (b & 0xff));
      if (line.length() > MAX_HEAD) {
        throw new IOException("a request head of over " + MAX_HEAD + " bytes: not HTTP/1.1 as the proxy knows it");
      }
      boolean endOfLine = b == '\n';
      switch (state) {
        case HEAD -> {
          if (endOfLine && line.length() >= 4 && line.substring(line.length() - 4).equals("\r\n\r\n")) {
            head(line.toString());
            line.setLength(0);
          }
        }
        case CHUNK_SIZE -> {
          if (endOfLine) {
            String text = line.toString().strip();
            line.setLength(0);
            int semicolon = text.indexOf(';');
            long chunk = Long.parseLong((semicolon < 0 ? text : text.substring(0, semicolon)).strip(), 16);
            state = chunk == 0 ? State.TRAILER : State.CHUNK_DATA;
            left = chunk;
          }
        }
        case TRAILER -> {
          if (endOfLine) {
            boolean empty = line.toString().strip().isEmpty(); // the empty line that ends the request
            line.setLength(0);
            if (empty) {
              state = State.HEAD;
            }
          }
        }
        default -> throw new IllegalStateException(state.toString());
      }
    }

    private void head(String head) throws IOException {
      add = head.startsWith(ADD_REQUEST);
      boolean chunked = false;
      long length = 0;
      for (String header : head.split("\r\n")) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).strip();
        if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equals("content-length")) {
          length = Long.parseLong(value);
        }
      }
      if (chunked) {
        state = State.CHUNK_SIZE;
      } else if (length > 0) {
        state = State.FIXED;
        left = length;
      } else {
        state = State.HEAD;
      }
    }
  }

  private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }
}
