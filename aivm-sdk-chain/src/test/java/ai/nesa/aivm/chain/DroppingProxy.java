package ai.nesa.aivm.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a node's JSON-RPC port that can drop every connection and refuse new ones
 * until restored: what a follower sees when its connection to the node goes away.
 *
 * <pre>{@code
 * try (DroppingProxy proxy = DroppingProxy.start(anvil.url())) {
 *   Web3jLedger ledger = Web3jLedger.builder().rpc(proxy.uri())...;
 *   proxy.drop();     // every connection reset, new ones closed at once
 *   proxy.restore();  // connections pass again
 * }
 * }</pre>
 */
final class DroppingProxy implements AutoCloseable {
  private final URI target;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean dropping;
  private volatile int dropped;

  private DroppingProxy(URI target, ServerSocket server) {
    this.target = target;
    this.server = server;
  }

  static DroppingProxy start(URI target) throws IOException {
    DroppingProxy proxy = new DroppingProxy(target, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    daemon("proxy accept", proxy::accept);
    return proxy;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Resets every connection and refuses new ones until {@link #restore()}. */
  void drop() {
    dropping = true;
    for (Socket s : sockets) {
      reset(s);
    }
  }

  void restore() {
    dropping = false;
  }

  /** How many connections were reset or refused. */
  int dropped() {
    return dropped;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (dropping) {
        reset(client);
        continue;
      }
      try {
        Socket node = new Socket(target.getHost(), target.getPort());
        sockets.add(client);
        sockets.add(node);
        daemon("proxy up", () -> pipe(client, node));
        daemon("proxy down", () -> pipe(node, client));
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // reset or closed
    } finally {
      reset(from);
      reset(to);
    }
  }

  private void reset(Socket s) {
    if (sockets.remove(s) || !s.isClosed()) {
      dropped++;
    }
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      reset(s);
    }
  }
}
