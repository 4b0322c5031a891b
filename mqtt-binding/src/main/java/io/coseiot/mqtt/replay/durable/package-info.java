/**
 * A replay state in an H2 MVStore file that survives a crash of the process; needs the optional
 * MVStore dependency.
 */
package io.coseiot.mqtt.replay.durable;
