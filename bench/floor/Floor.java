import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;

/**
 * The JVM floor: what spark-submit needs to give a JVM program a SparkSession, and nothing more. It says so to the
 * bench at {@code host:port} (its one argument) over TCP, because in cluster deploy mode the driver runs where
 * spark-submit's output does not reach; the connection closes once the SparkSession has stopped.
 */
public final class Floor {
    public static void main(String[] args) throws Exception {
        String[] address = args[0].split(":");
        SparkSession spark = SparkSession.builder().getOrCreate();
        try (Socket bench = new Socket(address[0], Integer.parseInt(address[1]))) {
            OutputStream out = bench.getOutputStream();
            out.write("FLOOR READY\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            spark.stop();
        }
    }
}
