package io.cairn.common.messaging;

import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Stamps every message produced while handling another with that message's id as {@code causationId},
 * and carries the tenant, the principal and the correlation id of the request that started the chain.
 */
public final class CausationCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        var metaData = message.getMetaData();
        Object correlationId = metaData.getOrDefault(MessageMetadata.CORRELATION_ID, message.getIdentifier());
        var data = new java.util.HashMap<String, Object>();
        data.put(MessageMetadata.CAUSATION_ID, message.getIdentifier());
        data.put(MessageMetadata.CORRELATION_ID, correlationId);
        copy(metaData, data, MessageMetadata.TENANT_ID);
        copy(metaData, data, MessageMetadata.PRINCIPAL);
        return data;
    }

    private static void copy(Map<String, ?> from, Map<String, Object> to, String key) {
        Object value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }
}
