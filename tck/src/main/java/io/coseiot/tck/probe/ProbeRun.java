package io.coseiot.tck.probe;

import io.coseiot.cose.exception.CoseException;
import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One observation: subscribes as a raw client with the deployment's filters, checks each message as
 * it arrives, runs the command exchange if asked, and stops after the message count or the
 * duration.
 */
final class ProbeRun {
  private ProbeRun() {}

  /**
   * What an observation found.
   *
   * @param checker the checks and their findings
   * @param exchange the command exchange, or null
   * @param wanted the message count asked for, or 0
   * @param seconds how long it ran
   * @param lost why the connection dropped before the end, or null
   */
  record Result(
      TrafficChecker checker, CommandExchange exchange, int wanted, double seconds, String lost) {}

  static Result run(
      Deployment d,
      int maxSize,
      int messages,
      int durationSeconds,
      CommandExchange exchange,
      PrintWriter out)
      throws ProbeSetupException, InterruptedException {
    TrafficChecker checker;
    try {
      checker = new TrafficChecker(d, maxSize);
    } catch (CoseException e) {
      throw new ProbeSetupException("cannot derive the keys: " + e.getMessage());
    }
    BlockingQueue<Observed> queue = new LinkedBlockingQueue<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
    String lost = null;
    String id = "cose-tck-probe-" + ProcessHandle.current().pid() + "-" + Long.toHexString(start);
    try (RawClient client = RawClient.connect(d.broker(), d.v5(), id, queue::add)) {
      client.subscribe(d.filters());
      // The device may start now: scripts and tests wait for this line.
      out.println(
          "subscribed to "
              + String.join(", ", d.filters())
              + "; observing for at most "
              + durationSeconds
              + " s");
      out.flush();
      while (System.nanoTime() < end) {
        Observed o = queue.poll(20, TimeUnit.MILLISECONDS);
        if (o == null && client.lost() != null) {
          lost = client.lost(); // what arrived before is still checked
          break;
        }
        if (o != null && (exchange == null || !exchange.isOwn(o))) {
          checker.check(o);
        }
        if (exchange != null) {
          exchange.step(client, checker, System.nanoTime());
        }
        if (messages > 0
            && checker.messages() >= messages
            && (exchange == null || exchange.done())) {
          break;
        }
      }
    }
    if (exchange != null) {
      exchange.judge(checker);
    }
    return new Result(checker, exchange, messages, (System.nanoTime() - start) / 1e9, lost);
  }
}
