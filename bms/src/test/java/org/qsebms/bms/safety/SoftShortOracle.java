package org.qsebms.bms.safety;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qsebms.bms.control.PackController;
import org.qsebms.bms.offline.scenario.Scenario;
import org.qsebms.bms.offline.scenario.ScenarioAction;
import org.qsebms.bms.sim.SimulatedPack;

/**
 * Judges the soft-short detector in one long scenario run from what docs/estimation.md claims and
 * the simulated pack's truth, never from the detector: the injected short's true leak (cell volts
 * over ohms), the true pack current (when the pack rests), and the {@code SOFT_SHORT} lines of the
 * event log. Checks:
 * <ol>
 *   <li>no {@code SOFT_SHORT} alarm, at any level, names a cell without an injected short (on a
 *       healthy pack that is a false alarm; on a shorted one, a wrong cell);</li>
 *   <li>at rest (docs: "on NCM, any short up to 1 kohm, 3.7 mA and above, is flagged about 1 h after
 *       the current stops"): on a sloped-OCV chemistry (NCM), a short whose true leak is at least
 *       {@link #REST_DETECTABLE_AMPS}, present from before a rest of at least
 *       {@link #REST_DEADLINE_S}, is flagged (RSL or MSL) naming its cell within that time of the
 *       current stopping;</li>
 *   <li>while cycling (docs: the drift cue with the bleed ledger flags 150 ohm, 25 mA, in 3.3 h on
 *       the controller): on NCM, a short of at least {@link #CYCLING_DETECTABLE_AMPS} present from the
 *       first hour is flagged naming its cell within {@link #CYCLING_DEADLINE_S} of its injection.</li>
 * </ol>
 * LFP is judged for false alarms and wrong cells only: on its OCV plateau the voltage cannot show a
 * leak (docs/estimation.md, "Flat OCV"), so the detector claims nothing there.
 */
final class SoftShortOracle {
    /** The rest claim: 3.7 mA and above (docs/estimation.md, "What is detectable in what time"). */
    static final double REST_DETECTABLE_AMPS = 0.0037;
    /** "About 1 h after the current stops": 30 min settle + 30 min fit; the scenario library allows 2 h. */
    static final double REST_DEADLINE_S = 2 * 3600;
    /** A rest is the pack current within the detector's rest band (docs: abs <= 50 mA). */
    static final double REST_AMPS = 0.05;
    /** The cycling claim: 150 ohm (about 25 mA) in 3.3 h; the oracle asks it of 20 mA and above. */
    static final double CYCLING_DETECTABLE_AMPS = 0.020;
    /** Twice the documented 3.3 h (the drift fit needs 1 h from start and 1 h of fit). */
    static final double CYCLING_DEADLINE_S = 6.6 * 3600;

    private static final Pattern CELL = Pattern.compile("^cell (\\d+):");

    private final Scenario sc;
    private final boolean cycling;
    private final boolean slopedOcv;
    private final List<String> violations = new ArrayList<>();
    /** The injected short (null: a healthy pack) and its true leak at injection, A. */
    private final ScenarioAction.SoftShort shortAction;

    private double trueLeakAmps = Double.NaN;
    /** Start of the rest in progress (NaN while current flows) and of the first rest of at least the deadline. */
    private double restSince = Double.NaN;

    private double longRestStart = Double.NaN;
    private double lastT;
    /** Whether this run carried a detection claim (a short the docs say is found), judged in {@link #judge}. */
    private boolean claimJudged;
    /** The diagnostic trace of the filter's errors against the truth, null unless asked for. */
    private final FilterTruthTrace trace;

    SoftShortOracle(Scenario sc, boolean cycling) {
        this.sc = sc;
        this.cycling = cycling;
        this.slopedOcv = !sc.config().chemistry().name().contains("lfp");
        this.shortAction = sc.actions().stream()
                .filter(a -> a instanceof ScenarioAction.SoftShort)
                .map(a -> (ScenarioAction.SoftShort) a)
                .findFirst()
                .orElse(null);
        this.trace = FilterTruthTrace.fromProperty(sc.name());
    }

    List<String> violations() {
        return violations;
    }

    boolean claimJudged() {
        return claimJudged;
    }

    /** The true leak of the injected short (A), NaN on a healthy pack. */
    double trueLeakAmps() {
        return trueLeakAmps;
    }

    void afterTick(double t, SimulatedPack pack, PackController c) {
        if (trace != null) {
            trace.afterTick(t, pack, c);
        }
        observe(t, pack.packAmps(), shortAction == null ? Double.NaN : pack.cellVolts(shortAction.cell()));
    }

    /** One tick: the true pack current and the shorted cell's true volts (NaN without a short). */
    void observe(double t, double packAmps, double shortedCellVolts) {
        lastT = t;
        if (shortAction != null && Double.isNaN(trueLeakAmps) && t >= shortAction.atS()) {
            trueLeakAmps = shortedCellVolts / shortAction.ohms();
        }
        if (Math.abs(packAmps) > REST_AMPS) {
            restSince = Double.NaN;
        } else if (Double.isNaN(restSince)) {
            restSince = t;
        }
        if (Double.isNaN(longRestStart) && !Double.isNaN(restSince) && t - restSince >= REST_DEADLINE_S) {
            longRestStart = restSince;
        }
    }

    void judge(List<JsonNode> lines) {
        double firstRightRaise = Double.NaN;
        for (JsonNode n : lines) {
            if (!n.get("type").asText().equals("fault")
                    || !n.get("event").asText().equals("raised")
                    || !n.get("id").asText().startsWith("SOFT_SHORT.")) {
                continue;
            }
            String reason = n.get("reason").asText();
            double t = n.get("t").asDouble();
            Matcher m = CELL.matcher(reason);
            int cell = m.find() ? Integer.parseInt(m.group(1)) - 1 : -1;
            boolean right = shortAction != null && cell == shortAction.cell() && t >= shortAction.atS();
            if (!right) {
                violations.add(String.format(
                        "%s raised at %.2f h naming %s (%s): %s",
                        n.get("id").asText(),
                        t / 3600,
                        cell < 0 ? "no cell" : "cell " + (cell + 1),
                        shortAction == null
                                ? "a false alarm on a healthy pack"
                                : "the short is in cell " + (shortAction.cell() + 1),
                        reason));
            } else if (Double.isNaN(firstRightRaise) && !n.get("id").asText().endsWith(".MOL")) {
                firstRightRaise = t;
            }
        }
        if (shortAction == null || !slopedOcv || shortAction.atS() + shortAction.forS() < lastT) {
            return; // no claim: a healthy pack, the LFP plateau, or a short removed before the end
        }
        String what = String.format(
                "a %.0f ohm short in cell %d (true leak %.1f mA) from %.2f h",
                shortAction.ohms(), shortAction.cell() + 1, 1000 * trueLeakAmps, shortAction.atS() / 3600);
        if (cycling) {
            double deadline = shortAction.atS() + CYCLING_DEADLINE_S;
            if (trueLeakAmps >= CYCLING_DETECTABLE_AMPS && shortAction.atS() <= 3600 && deadline <= lastT) {
                late(what, firstRightRaise, deadline, "while cycling");
            }
        } else if (!Double.isNaN(longRestStart) && longRestStart >= shortAction.atS()) {
            double deadline = longRestStart + REST_DEADLINE_S;
            if (trueLeakAmps >= REST_DETECTABLE_AMPS) {
                late(what, firstRightRaise, deadline, String.format("at rest from %.2f h", longRestStart / 3600));
            }
        }
    }

    private void late(String what, double raised, double deadline, String where) {
        claimJudged = true;
        if (Double.isNaN(raised) || raised > deadline + 1e-6) {
            violations.add(String.format(
                    "%s %s: flagged %s, deadline %.2f h",
                    what,
                    where,
                    Double.isNaN(raised) ? "never" : String.format("only at %.2f h", raised / 3600),
                    deadline / 3600));
        }
    }
}
