package io.pxrcad.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pxrcad.model.Architecture;
import io.pxrcad.model.Losses;
import io.pxrcad.model.NetworkConfig;
import io.pxrcad.model.Networks;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

class BnProbeTest {
    @Test
    void probe() {
        for (Architecture a : new Architecture[] {Architecture.TINY_DENSENET, Architecture.TINY_RESNET}) {
            try (Model model = Networks.stage1(NetworkConfig.stage1(a), Device.cpu());
                 NetworkTrainer t = new NetworkTrainer(model, 1e-3f)) {
                Map<String, float[]> before = new LinkedHashMap<>();
                for (Pair<String, Parameter> p : t.network().getParameters()) {
                    if (p.getValue().requiresGradient()) before.put(p.getKey(), p.getValue().getArray().toFloatArray());
                }
                Random rnd = new Random(1);
                try (NDManager sub = t.manager().newSubManager()) {
                    float[] y = new float[8];
                    NDArray x = sub.create(NetworkTrainerTest.images(rnd, y), new Shape(8, 3, 96, 96));
                    NDArray l = sub.create(y, new Shape(8, 1));
                    t.step(x, (out, m) -> Losses.bce(out.get(0), l));
                }
                int unchanged = 0;
                for (Pair<String, Parameter> p : t.network().getParameters()) {
                    float[] b = before.get(p.getKey());
                    if (b == null) continue;
                    float[] now = p.getValue().getArray().toFloatArray();
                    double d = 0;
                    for (int i = 0; i < b.length; i++) d = Math.max(d, Math.abs(now[i] - b[i]));
                    if (d == 0) { unchanged++; System.err.println("PROBE " + a + " UNCHANGED " + p.getKey()); }
                }
                System.err.println("PROBE " + a + " params " + before.size() + " unchanged " + unchanged);
            }
        }
    }
}
