package io.coseiot.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.client.ClientHealth;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The library's System.Logger line of a rejection arrives in Logback as a WARN event. */
class LoggingToSlf4jTest {
  private static final String REJECTIONS = "io.coseiot.mqtt.rejections";

  @Test
  void aRejectionIsALogbackWarningOnTheRejectionsLogger() throws Exception {
    byte[] ours = new byte[32];
    byte[] theirs = new byte[32];
    new SecureRandom().nextBytes(ours);
    new SecureRandom().nextBytes(theirs);
    // What routes it: SLF4J's System.LoggerFinder, not a JUL bridge that something else installed.
    assertEquals(
        "org.slf4j.jdk.platform.logging.SLF4JPlatformLogger",
        System.getLogger(REJECTIONS).getClass().getName());
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      // After the broker's start: HiveMQ CE configures Logback itself when it starts.
      Logger logger = (Logger) LoggerFactory.getLogger(REJECTIONS);
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.setContext(logger.getLoggerContext());
      appender.start();
      logger.addAppender(appender);
      try {
        ClientHealth health = LoggingToSlf4j.run(broker.uri(), ours, theirs);

        assertTrue(health.connected());
        assertEquals(1, health.rejected());
        assertNotNull(health.lastRejection(), "no rejection within 10 s");
        assertEquals(Reason.UNKNOWN_KEY, health.lastRejection().reason());
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertEquals(1, events.size(), "Logback events on " + REJECTIONS + ": " + events);
        ILoggingEvent e = events.get(0);
        assertEquals(ch.qos.logback.classic.Level.WARN, e.getLevel());
        assertEquals(REJECTIONS, e.getLoggerName());
        String line = e.getFormattedMessage();
        assertTrue(
            line.startsWith("rejected a message on topic site/kitchen/temperature, kid "), line);
        assertTrue(line.endsWith(health.lastRejection().detail()), line);
      } finally {
        logger.detachAppender(appender);
      }
    }
  }
}
