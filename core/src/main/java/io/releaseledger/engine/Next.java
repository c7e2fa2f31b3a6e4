package io.releaseledger.engine;

import io.releaseledger.release.ReleaseState;
import java.util.List;

/** What the machine decided: the moves to record, in order, then the effects to perform, in order. */
record Next(List<Move> moves, List<Effect> effects) {
    public Next {
        moves = List.copyOf(moves);
        effects = List.copyOf(effects);
    }

    static Next of(List<Move> moves, Effect... effects) {
        return new Next(moves, List.of(effects));
    }

    static Next effects(Effect... effects) {
        return new Next(List.of(), List.of(effects));
    }

    /** The state the release is in after the moves, given where it started. */
    public ReleaseState stateAfter(ReleaseState from) {
        return moves.isEmpty() ? from : moves.get(moves.size() - 1).to();
    }
}
