package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a {@link SecureMqttClient} hands to its two listeners. */
final class Inbox implements OpenedMessageListener, RejectionListener {
  static final long WAIT_SECONDS = 10;

  /** A rejection as the listener got it. */
  record Rejection(String wireTopic, RejectedMessageException exception) {
    RejectedMessageException.Reason reason() {
      return exception.reason();
    }
  }

  final BlockingQueue<OpenedMessage> messages = new LinkedBlockingQueue<>();
  final BlockingQueue<Rejection> rejections = new LinkedBlockingQueue<>();

  @Override
  public void onMessage(OpenedMessage message, SecureMqttClient client) {
    messages.add(message);
  }

  @Override
  public void onRejected(String wireTopic, RejectedMessageException rejection) {
    rejections.add(new Rejection(wireTopic, rejection));
  }

  OpenedMessage nextMessage() throws InterruptedException {
    OpenedMessage m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(m, "no message within " + WAIT_SECONDS + " s; rejections: " + rejections);
    return m;
  }

  Rejection nextRejection() throws InterruptedException {
    Rejection r = rejections.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(r, "no rejection within " + WAIT_SECONDS + " s; messages: " + messages.size());
    return r;
  }

  Rejection expectRejection(RejectedMessageException.Reason reason) throws InterruptedException {
    Rejection r = nextRejection();
    assertEquals(reason, r.reason(), r.exception().getMessage());
    return r;
  }
}
