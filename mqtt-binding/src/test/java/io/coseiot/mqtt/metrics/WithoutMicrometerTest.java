package io.coseiot.mqtt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: the binding seals, opens and counts into its own {@link MessageMetrics}
 * in a class loader that cannot see Micrometer at all.
 */
class WithoutMicrometerTest {
  @Test
  void theBindingWorksWithoutMicrometerOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("micrometer")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    assertFalse(urls.isEmpty());
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(
          ClassNotFoundException.class,
          () -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
      @SuppressWarnings("unchecked")
      Callable<String> run =
          (Callable<String>)
              loader
                  .loadClass(SealOpenWithOwnMetrics.class.getName())
                  .getDeclaredConstructor()
                  .newInstance();
      assertEquals("sealed 1, opened 1, rejected 1", run.call());
    }
  }
}
