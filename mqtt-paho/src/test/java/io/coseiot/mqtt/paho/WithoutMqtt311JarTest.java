package io.coseiot.mqtt.paho;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Paho's MQTT 3.1.1 jar is optional: without it an MQTT v5 client builds, and a codec of MQTT 3.1.1
 * is refused at build() naming the artifact to add.
 */
class WithoutMqtt311JarTest {
  @Test
  void aV5ClientNeedsNoMqtt311JarAndA311CodecIsRefused() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("org.eclipse.paho.client.mqttv3")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(
          ClassNotFoundException.class,
          () -> loader.loadClass("org.eclipse.paho.client.mqttv3.MqttAsyncClient"));
      @SuppressWarnings("unchecked")
      Callable<String> run =
          (Callable<String>)
              loader
                  .loadClass(BuildBothVersions.class.getName())
                  .getDeclaredConstructor()
                  .newInstance();
      String refusal = run.call();
      assertTrue(refusal.contains("add org.eclipse.paho:org.eclipse.paho.client.mqttv3"), refusal);
    }
  }
}
