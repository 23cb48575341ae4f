# Sourced by ./pxrcad and scripts/spark-standalone.sh: sets SPARK_OPENS, the JVM options Spark needs on
# Java 17+ (it reflects into these JDK packages; the list spark-submit passes). The same list is
# spark.jvm.options in pom.xml, for the tests. Opening them changes nothing for code that does not use them.
SPARK_OPENS="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  SPARK_OPENS="$SPARK_OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
