package io.cairn.common.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name under which a message is stored in the event log and published (for example
 * {@code cairn.run.MetricsLogged}). It is a contract: renaming or moving the Java type must not change it.
 * Pair it with Axon's {@code @Revision} when the payload shape changes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireName {
    String value();
}
