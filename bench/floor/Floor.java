import org.apache.spark.sql.SparkSession;

/** The JVM floor: what spark-submit needs to give a JVM program a SparkSession, and nothing more. */
public final class Floor {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().getOrCreate();
        System.out.println("FLOOR READY");
        System.out.flush();
        spark.stop();
    }
}
