package io.coseiot.mqtt.metrics;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Run by {@link WithoutMicrometerTest} in a class loader without Micrometer: a codec with metrics
 * of its own, and one good and one replayed message opened.
 */
public final class SealOpenWithOwnMetrics implements Callable<String>, MessageMetrics {
  private final AtomicInteger sealed = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();

  @Override
  public String call() throws Exception {
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived("a/+", Algorithm.A128GCM, new byte[32], null))
            .build();
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).metrics(this).build();
    SealedMessage m = codec.sealer().seal("a/b", new byte[] {1});
    PayloadOpener opener = codec.opener();
    opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    try {
      opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    } catch (RejectedMessageException replayed) {
      // Counted by rejected() below.
    }
    return "sealed " + sealed + ", opened " + opened + ", rejected " + rejected;
  }

  @Override
  public void sealed() {
    sealed.incrementAndGet();
  }

  @Override
  public void opened() {
    opened.incrementAndGet();
  }

  @Override
  public void rejected(Reason reason) {
    rejected.incrementAndGet();
  }

  @Override
  public void replayEvicted() {}

  @Override
  public void keyEpoch(LongSupplier currentEpoch) {}
}
