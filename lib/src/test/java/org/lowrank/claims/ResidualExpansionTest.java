package org.lowrank.claims;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.lowrank.claims.ResidualExpansion.Model;
import org.lowrank.expand.Collapse;
import org.lowrank.expand.ExpandedLayer;
import org.lowrank.rank.RankMetrics;
import org.nd4j.linalg.api.buffer.DataType;

class ResidualExpansionTest {
    private static final ResidualExpansion SMALL = new ResidualExpansion(8, 4, new int[] {2}, 1, 16, 1e-3, 64, 32);

    @Test
    void onlyTheHiddenToHiddenLayerIsExpandedAndOnlyResidualHasSkips() {
        var plain = SMALL.configuration(Model.PLAIN, 3);
        var exp = SMALL.configuration(Model.EXPANDED, 3);
        var res = SMALL.configuration(Model.RESIDUAL, 3);
        assertInstanceOf(DenseLayer.class, plain.getConf(1).getLayer());
        assertInstanceOf(DenseLayer.class, exp.getConf(0).getLayer());
        ExpandedLayer e = (ExpandedLayer) exp.getConf(1).getLayer(), r = (ExpandedLayer) res.getConf(1).getLayer();
        assertEquals(0, e.residualSources(2).length);
        assertArrayEquals(new int[] {0}, r.residualSources(2));
        assertArrayEquals(new int[] {2}, r.residualSources(4));
        MultiLayerNetwork net = new MultiLayerNetwork(res);
        net.init();
        // ρ of the collapsed map: the skips are folded in (W_e = (I + W4W3)(I + W2W1) up to the layout), not the bare product
        double direct = RankMetrics.effectiveRank(Collapse.collapse(net).getLayer(1).getParam("W").castTo(DataType.DOUBLE));
        assertEquals(direct, ResidualExpansion.hiddenRho(net), 0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ResidualExpansion(8, 1, new int[] {2}, 1, 16, 1e-3, 64, 32));
        assertThrows(IllegalArgumentException.class, () -> new ResidualExpansion(8, 4, new int[0], 1, 16, 1e-3, 64, 32));
        assertThrows(IllegalArgumentException.class, () -> new ResidualExpansion(8, 4, new int[] {2}, 1, 128, 1e-3, 64, 32));
        assertThrows(IllegalArgumentException.class, () -> SMALL.run(1));
        List<ResidualExpansion.Run> none = List.of();
        assertEquals(0, ResidualExpansion.values(none, Model.PLAIN, ResidualExpansion.Run::rho).length);
    }

    @Test
    void tinyTrainingGivesOnePairedRunPerSeedAndModel() {
        java.nio.file.Path debian = java.nio.file.Paths.get(org.lowrank.data.FashionMnist.DEBIAN_DIR);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(debian.resolve("t10k-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist not installed");
        List<ResidualExpansion.Run> runs = SMALL.run(2);
        assertEquals(6, runs.size());
        for (Model m : Model.values()) {
            double[] rho = ResidualExpansion.values(runs, m, ResidualExpansion.Run::rho);
            assertEquals(2, rho.length);
            for (double v : rho) assertTrue(v > 0 && v <= Math.log(8) + 1e-9, m + " rho " + v);
        }
        for (var r : runs) assertTrue(Double.isFinite(r.testLoss()) && r.testAccuracy() >= 0 && r.testAccuracy() <= 1, r.toString());
    }
}
