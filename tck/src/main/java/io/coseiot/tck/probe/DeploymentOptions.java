package io.coseiot.tck.probe;

import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The key flags {@code probe}, {@code publish} and {@code subscribe} share: which broker, and the
 * deployment's master secret, salt, filters, epoch, algorithm profile and MQTT version.
 */
public final class DeploymentOptions {
  /** Creates the options, filled in by picocli. */
  public DeploymentOptions() {}

  @Option(
      names = "--broker",
      required = true,
      paramLabel = "URI",
      description = "The MQTT broker, e.g. tcp://127.0.0.1:1883.")
  String broker;

  @Option(
      names = "--master-secret",
      required = true,
      paramLabel = "HEX",
      description = "The deployment's master secret in hex, at least 16 bytes (profile section 6).")
  String masterSecret;

  @Option(
      names = "--salt",
      paramLabel = "HEX",
      description = "The master salt in hex (default: none, that is 32 zero bytes).")
  String salt;

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description = {
        "A keyset's topic filter exactly as the deployment writes it, e.g. devices/+/telemetry:"
            + " keys are derived for it (probe and subscribe also subscribe to it).",
        "Repeat for several keysets; the first that matches a topic covers it."
      })
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--epoch",
      paramLabel = "N",
      defaultValue = "0",
      description = "The current key epoch (default: ${DEFAULT-VALUE}).")
  long epoch;

  @Option(
      names = "--profile",
      paramLabel = "device|full",
      defaultValue = "device",
      description =
          "The algorithm profile (section 6): device (A128GCM, AES-CCM-16-64-128, HMAC 256/256)"
              + " or full (adds A256GCM, ChaCha20/Poly1305). Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(
      names = "--mqtt",
      paramLabel = "5|3.1.1",
      defaultValue = "5",
      description = "The MQTT version (default: ${DEFAULT-VALUE}).")
  String mqtt;

  /**
   * Checks the flags and derives the keys.
   *
   * @param fallbackFilter the filter when --filter is not given, or null if it is required
   * @return the deployment
   * @throws ProbeSetupException naming the flag that is wrong
   */
  public Deployment deployment(String fallbackFilter) throws ProbeSetupException {
    List<String> fs =
        filters.isEmpty() && fallbackFilter != null ? List.of(fallbackFilter) : filters;
    if (fs.isEmpty()) {
      throw new ProbeSetupException("--filter is required");
    }
    byte[] master = hex("--master-secret", masterSecret);
    if (master.length < 16) {
      throw new ProbeSetupException(
          "--master-secret is " + master.length + " bytes; the profile needs at least 16");
    }
    byte[] s = salt == null ? null : hex("--salt", salt);
    for (String f : fs) {
      try {
        TopicFilter.of(f);
      } catch (IllegalArgumentException e) {
        throw new ProbeSetupException(
            "--filter " + f + " is not an MQTT topic filter: " + e.getMessage());
      }
    }
    if (epoch < 0) {
      throw new ProbeSetupException("--epoch must be 0 or more");
    }
    AlgorithmProfile p;
    try {
      p = AlgorithmProfile.valueOf(profile.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProbeSetupException("--profile must be device or full, not " + profile);
    }
    boolean v5;
    if (mqtt.equals("5")) {
      v5 = true;
    } else if (mqtt.equals("3.1.1") || mqtt.equals("3")) {
      v5 = false;
    } else {
      throw new ProbeSetupException("--mqtt must be 5 or 3.1.1, not " + mqtt);
    }
    if (!broker.matches("(tcp|ssl|ws|wss)://.+")) {
      throw new ProbeSetupException(
          "--broker must be a URI like tcp://127.0.0.1:1883, not " + broker);
    }
    return new Deployment(broker, master, s, List.copyOf(fs), epoch, p, v5);
  }

  private static byte[] hex(String flag, String value) throws ProbeSetupException {
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw new ProbeSetupException(flag + " is not hex: " + e.getMessage());
    }
  }
}
