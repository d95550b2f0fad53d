// Round trip of a small POST to a JDK HttpServer over keep-alive, with and without TCP_NODELAY:
//   java benchmarks/NoDelayBench.java; java -Dsun.net.httpserver.nodelay=true benchmarks/NoDelayBench.java
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.net.*;
public class NoDelayBench {
    public static void main(String[] a) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.createContext("/deactivate", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] b = "{\"message\":\"deactivated\"}".getBytes();
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) { o.write(b); }
        });
        s.start();
        URL u = new URL("http://127.0.0.1:" + s.getAddress().getPort() + "/deactivate?topologyid=x");
        int n = 100;
        for (int w = 0; w < 2; w++) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HttpURLConnection c = (HttpURLConnection) u.openConnection();
                c.setRequestMethod("POST"); c.setDoOutput(true);
                c.getOutputStream().write(new byte[0]);
                try (InputStream in = c.getInputStream()) { in.readAllBytes(); }
            }
            if (w == 1) System.out.printf("nodelay=%s: %.2f ms per POST over keep-alive (%d requests)%n",
                    System.getProperty("sun.net.httpserver.nodelay"), (System.nanoTime() - t) / 1e6 / n, n);
        }
        s.stop(0);
    }
}
