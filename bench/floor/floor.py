"""The pyspark floor: what spark-submit needs to give a Python program a SparkSession, and nothing more. It says so
to the bench at host:port (its one argument) over TCP, because in cluster deploy mode the driver runs where
spark-submit's output does not reach; the connection closes once the SparkSession has stopped."""
import socket
import sys

from pyspark.sql import SparkSession

host, port = sys.argv[1].rsplit(":", 1)
spark = SparkSession.builder.getOrCreate()
with socket.create_connection((host, int(port))) as bench:
    bench.sendall(b"FLOOR READY\n")
    spark.stop()
