package io.coseiot.interop.mqtt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.interop.CoseJavaPeer;
import io.coseiot.interop.PeerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * COSE-JAVA as an MQTT v5 peer of {@link MqttRoundTrips}, inside this JVM: the counterpart of
 * {@code pycose_mqtt.py}, with the same options and the same stdout lines ("subscribed TOPIC",
 * "published TOPIC 0", "opened TOPIC HEX", "rejected TOPIC REASON") and exit statuses (0 once
 * {@code --expect} commands opened, 3 on timeout, 2 on bad arguments, 1 if COSE-JAVA or the broker
 * is unavailable). It runs on a thread behind a {@link Process} so that the round trip drives it
 * exactly like the peers that are programs.
 *
 * <p>Nothing of cose-iot's codec is used: COSE-JAVA 1.1.0 seals and opens the COSE_Encrypt0
 * (through {@link CoseJavaPeer}'s isolated class loader), the profile's key derivation, {@code
 * external_aad} and CBOR are written out here from docs/mqtt-cose-profile.md §2 and §6 with JCA
 * {@link Mac}, and a plain Paho v5 client sets the MQTT properties of §4. Random-IV A128GCM only:
 * COSE-JAVA has no notion of the profile's counter-mode nonce.
 */
public final class CoseJavaMqttPeer extends Process {
  /** The command word of a {@link MqttRoundTrips.Trip} that runs this peer. */
  public static final String COMMAND = "cose-java-in-jvm";

  private static final String PROFILE = "cose-iot-mqtt/1";
  private static final String CONTENT_TYPE = "application/cose; cose-type=\"cose-encrypt0\"";
  private static final String KID_PROPERTY = "cose-kid";
  private static final int A128GCM = 1;
  private static final HexFormat HEX = HexFormat.of();

  private final PipedInputStream stdout;
  private final PipedInputStream stderr;
  private final PrintStream out;
  private final PrintStream err;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final Thread thread;
  private volatile MqttClient client;

  private CoseJavaMqttPeer(List<String> args) throws IOException {
    stdout = new PipedInputStream(1 << 16);
    stderr = new PipedInputStream(1 << 14);
    out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
    err = new PrintStream(new PipedOutputStream(stderr), true, StandardCharsets.UTF_8);
    thread =
        new Thread(
            () -> {
              int status = 1;
              try {
                status = main(args);
              } catch (Exception e) {
                err.println("cose-java-mqtt: " + e);
              } finally {
                out.close();
                err.close();
                exit.complete(status);
              }
            },
            "cose-java-mqtt-peer");
    thread.setDaemon(true);
  }

  /**
   * Starts the peer.
   *
   * @param command {@link #COMMAND} followed by the options of {@code pycose_mqtt.py}
   * @return the running peer
   * @throws IOException if its streams cannot be made
   */
  static Process start(List<String> command) throws IOException {
    CoseJavaMqttPeer p = new CoseJavaMqttPeer(command.subList(1, command.size()));
    p.thread.start();
    return p;
  }

  private int main(List<String> argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.size(); i += 2) {
      a.put(argv.get(i), argv.get(i + 1));
    }
    for (String req : List.of("--master", "--telemetry", "--commands")) {
      if (!a.containsKey(req)) {
        err.println("usage: cose-java-mqtt needs " + req);
        return 2;
      }
    }
    if (a.containsKey("--sid")
        || !a.getOrDefault("--mqtt", "5").equals("5")
        || !a.getOrDefault("--alg", "1").equals(String.valueOf(A128GCM))) {
      err.println("usage: cose-java-mqtt speaks MQTT 5, A128GCM, random IVs only");
      return 2;
    }
    byte[] master = HEX.parseHex(a.get("--master"));
    String telemetry = a.get("--telemetry");
    String commands = a.get("--commands");
    TopicKey tel = new TopicKey(master, a.getOrDefault("--filter", telemetry));
    TopicKey cmd = new TopicKey(master, a.getOrDefault("--cmd-filter", commands));
    byte[] payload = a.getOrDefault("--payload", "{\"t\":21.5}").getBytes(StandardCharsets.UTF_8);
    int count = Integer.parseInt(a.getOrDefault("--count", "1"));
    int expect = Integer.parseInt(a.getOrDefault("--expect", "0"));
    long waitMillis = (long) (Double.parseDouble(a.getOrDefault("--wait", "10")) * 1000);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    String uri = "tcp://" + a.getOrDefault("--host", "127.0.0.1") + ":" + a.get("--port");

    SecureRandom random = new SecureRandom();
    Object lock = new Object();
    int[] opened = {0};
    Set<String> seen = new HashSet<>();
    try (CoseJavaPeer cose = CoseJavaPeer.load()) {
      MqttClient c =
          new MqttClient(
              uri, "cose-tck-cose-java-" + ProcessHandle.current().pid(), new MemoryPersistence());
      client = c;
      try {
        c.setTimeToWait(waitMillis);
        c.setCallback(
            new MqttCallback() {
              @Override
              public void messageArrived(String topic, MqttMessage m) {
                String reason = open(cose, cmd, topic, m, seen);
                if (reason != null) {
                  say("rejected " + topic + " " + reason);
                  return;
                }
                synchronized (lock) {
                  opened[0]++;
                  lock.notifyAll();
                }
              }

              @Override
              public void disconnected(MqttDisconnectResponse r) {}

              @Override
              public void mqttErrorOccurred(MqttException e) {
                err.println("cose-java-mqtt: " + e);
              }

              @Override
              public void deliveryComplete(IMqttToken token) {}

              @Override
              public void connectComplete(boolean reconnect, String serverUri) {}

              @Override
              public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout((int) Math.max(1, waitMillis / 1000));
        try {
          c.connect(options);
        } catch (MqttException e) {
          err.println("cose-java-mqtt: cannot connect to " + uri + ": " + e);
          return 1;
        }
        c.subscribe(commands, 1);
        say("subscribed " + commands);
        for (int i = 0; i < count; i++) {
          byte[] iv = new byte[12];
          random.nextBytes(iv);
          ObjectNode req = JsonNodeFactory.instance.objectNode();
          req.put("op", "encrypt0")
              .put("tagged", true)
              .put("key", HEX.formatHex(tel.coseKey()))
              .put("protected", HEX.formatHex(Cbor.map(Cbor.uint(1), Cbor.uint(A128GCM))))
              .put(
                  "unprotected",
                  HEX.formatHex(
                      Cbor.map(Cbor.uint(4), Cbor.bstr(tel.kid), Cbor.uint(5), Cbor.bstr(iv))))
              .put("plaintext", HEX.formatHex(payload))
              .put("external_aad", HEX.formatHex(externalAad(telemetry)));
          PeerResponse r = call(cose, req);
          if (!r.ok()) {
            err.println("cose-java-mqtt: COSE-JAVA did not seal: " + r.error());
            return 1;
          }
          MqttMessage m = new MqttMessage(HEX.parseHex(r.body().path("message").asText()));
          m.setQos(1);
          MqttProperties props = new MqttProperties();
          props.setContentType(CONTENT_TYPE);
          props.setPayloadFormat(false);
          props.setUserProperties(List.of(new UserProperty(KID_PROPERTY, hint(tel.kid))));
          m.setProperties(props);
          c.publish(telemetry, m);
          say("published " + telemetry + " 0");
        }
        synchronized (lock) {
          long left;
          while (opened[0] < expect && (left = deadline - System.nanoTime()) > 0) {
            lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
          }
          return opened[0] >= expect ? 0 : 3;
        }
      } finally {
        try {
          if (c.isConnected()) {
            c.disconnect(2000);
          }
        } catch (MqttException e) {
          // closing anyway
        }
        c.close(true);
      }
    }
  }

  /** Profile §9 as far as a test peer needs it; returns null if opened, else the reason. */
  private String open(
      CoseJavaPeer cose, TopicKey k, String topic, MqttMessage m, Set<String> seen) {
    byte[] payload = m.getPayload();
    MqttProperties props = m.getProperties();
    String type = props == null ? null : props.getContentType();
    if (payload.length == 0) {
      return "NOT_SEALED empty payload";
    }
    if (type != null && !type.startsWith("application/cose")) {
      return "NOT_SEALED content type " + type;
    }
    if ((payload[0] & 0xff) != 0xd0) {
      return "MALFORMED not a tagged COSE_Encrypt0";
    }
    if (props != null && props.getUserProperties() != null) {
      for (UserProperty p : props.getUserProperties()) {
        if (p.getKey().equals(KID_PROPERTY)) {
          if (!p.getValue().equals(hint(k.kid))) {
            return "KEY_ID_MISMATCH " + p.getValue();
          }
          break;
        }
      }
    }
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("op", "decrypt0")
        .put("key", HEX.formatHex(k.coseKey()))
        .put("message", HEX.formatHex(payload))
        .put("external_aad", HEX.formatHex(externalAad(topic)));
    PeerResponse r = call(cose, req);
    if (!r.ok()) {
      return "AUTHENTICATION_FAILED " + r.error();
    }
    // Random IVs: a verbatim repeat of a message is a replay (§7).
    synchronized (seen) {
      if (!seen.add(HEX.formatHex(payload))) {
        return "REPLAY";
      }
    }
    say("opened " + topic + " " + r.body().path("plaintext").asText());
    return null;
  }

  private static PeerResponse call(CoseJavaPeer cose, ObjectNode req) {
    synchronized (cose) {
      return cose.call(req);
    }
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
    }
  }

  /** Profile §2: [ "cose-iot-mqtt/1", topic, epoch ], epoch 0. */
  private static byte[] externalAad(String topic) {
    return Cbor.array(Cbor.tstr(PROFILE), Cbor.tstr(topic), Cbor.uint(0));
  }

  /** Profile §4: base64url without padding. */
  private static String hint(byte[] kid) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(kid);
  }

  /** Profile §6: the content key and kid of one filter, A128GCM, epoch 0, no salt. */
  private static final class TopicKey {
    final byte[] key;
    final byte[] kid;

    TopicKey(byte[] master, String filter) throws GeneralSecurityException {
      key = derive(master, filter, "Key", 16);
      kid = derive(master, filter, "KID", 8);
    }

    /** A symmetric COSE_Key {1: 4 (kty Symmetric), -1: k}, as the adapter takes it. */
    byte[] coseKey() {
      return Cbor.map(Cbor.uint(1), Cbor.uint(4), Cbor.negint(-1), Cbor.bstr(key));
    }

    private static byte[] derive(byte[] master, String filter, String type, int length)
        throws GeneralSecurityException {
      byte[] info =
          Cbor.array(
              Cbor.tstr(PROFILE),
              Cbor.tstr(filter),
              Cbor.uint(A128GCM),
              Cbor.uint(0),
              Cbor.tstr(type),
              Cbor.uint(length));
      return hkdfSha256(new byte[32], master, info, length);
    }
  }

  /** RFC 5869 with HMAC-SHA-256. */
  static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    ByteArrayOutputStream okm = new ByteArrayOutputStream();
    byte[] t = new byte[0];
    for (int i = 1; okm.size() < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      okm.write(t, 0, t.length);
    }
    byte[] all = okm.toByteArray();
    byte[] result = new byte[length];
    System.arraycopy(all, 0, result, 0, length);
    return result;
  }

  /** The few deterministic CBOR items (RFC 8949) the profile's structures need. */
  static final class Cbor {
    private Cbor() {}

    static byte[] head(int major, long value) {
      int m = major << 5;
      if (value < 24) {
        return new byte[] {(byte) (m | value)};
      }
      if (value < 0x100) {
        return new byte[] {(byte) (m | 24), (byte) value};
      }
      if (value < 0x10000) {
        return new byte[] {(byte) (m | 25), (byte) (value >> 8), (byte) value};
      }
      return new byte[] {
        (byte) (m | 26),
        (byte) (value >> 24),
        (byte) (value >> 16),
        (byte) (value >> 8),
        (byte) value
      };
    }

    static byte[] uint(long v) {
      return head(0, v);
    }

    static byte[] negint(long v) {
      return head(1, -1 - v);
    }

    static byte[] bstr(byte[] b) {
      return concat(head(2, b.length), b);
    }

    static byte[] tstr(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return concat(head(3, b.length), b);
    }

    static byte[] array(byte[]... items) {
      return concat(head(4, items.length), concat(items));
    }

    /** Keys and values alternating, keys already in deterministic order. */
    static byte[] map(byte[]... keysAndValues) {
      return concat(head(5, keysAndValues.length / 2), concat(keysAndValues));
    }

    private static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      for (byte[] p : parts) {
        o.write(p, 0, p.length);
      }
      return o.toByteArray();
    }
  }

  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return stderr;
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      return 1;
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  @Override
  public int exitValue() {
    Integer v = exit.getNow(null);
    if (v == null) {
      throw new IllegalThreadStateException("the COSE-JAVA MQTT peer is still running");
    }
    return v;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public void destroy() {
    thread.interrupt();
    MqttClient c = client;
    if (c != null && !exit.isDone()) {
      try {
        c.disconnectForcibly(0, 500);
      } catch (MqttException e) {
        // it is going anyway
      }
    }
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
