package io.cairn.common.messaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored tokens of a tracking processor, read without claiming them: what every segment has processed,
 * whichever instance of a cluster holds it. The local processor's status only knows the segments this instance
 * holds.
 */
@Component
public class SegmentTokens {

    /** One segment's stored state: who holds its claim (null when nobody) and how far it got. */
    public record SegmentState(int segment, String owner, TrackingToken token, Segment mask) {

        /** The index of the last event applied; empty before the first. */
        public OptionalLong position() {
            return token == null ? OptionalLong.empty() : token.position();
        }

        public boolean covers(long index) {
            return SegmentTokens.covers(token, index);
        }
    }

    /** Whether a processor at {@code token} has applied the event at {@code index} (not skipped as a gap). */
    public static boolean covers(TrackingToken token, long index) {
        GapAwareTrackingToken position = WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
        return position != null && position.getIndex() >= index && !position.getGaps().contains(index);
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public SegmentTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<SegmentState> segments(String processor) {
        List<Row> rows = jdbc.sql("SELECT segment, token, tokentype, owner FROM tokenentry WHERE processorname = ?"
                        + " ORDER BY segment")
                .param(processor)
                .query((rs, i) -> new Row(rs.getInt(1), rs.getBytes(2), rs.getString(3), rs.getString(4)))
                .list();
        int[] ids = rows.stream().mapToInt(Row::segment).toArray();
        return rows.stream().map(row -> new SegmentState(row.segment(), row.owner(), token(row),
                Segment.computeSegment(row.segment(), ids))).toList();
    }

    /** The stored state of the segment that processes {@code aggregateId}'s events (sequenced per aggregate). */
    public Optional<SegmentState> segmentOf(String processor, String aggregateId) {
        int hash = Objects.hashCode(aggregateId);
        return segments(processor).stream().filter(s -> s.mask().matches(hash)).findFirst();
    }

    private TrackingToken token(Row row) {
        if (row.token() == null || row.tokenType() == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(row.token(), byte[].class, row.tokenType(), null));
    }

    private record Row(int segment, byte[] token, String tokenType, String owner) {
    }
}
