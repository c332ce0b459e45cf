"""The pyspark floor: what spark-submit needs to give a Python program a SparkSession, and nothing more."""
import sys

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
print("FLOOR READY", flush=True)
sys.stdout.flush()
spark.stop()
