package io.pxrcad.phantom;

import io.pxrcad.FractureType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What belongs to a patient rather than an image: anatomy, habitus, body size, and the
 * fracture(s). Every random number is drawn whatever the label, so that changing the
 * fracture rate does not change anyone's anatomy.
 */
final class PatientCase {
    final Skeleton skeleton;
    final double habitus, bodySize;
    final Optional<FractureType> type;
    final List<FractureSpec> fractures;

    PatientCase(SplittableRandom rnd, PhantomConfig config) {
        skeleton = new Skeleton(rnd);
        habitus = 0.85 + 0.4 * rnd.nextDouble();
        bodySize = 0.9 + 0.2 * rnd.nextDouble();
        boolean positive = rnd.nextDouble() < config.fractureRate();
        boolean hip = rnd.nextDouble() < config.hipShare();
        double pick = rnd.nextDouble(), second = rnd.nextDouble(), pick2 = rnd.nextDouble();
        int side = rnd.nextDouble() < 0.5 ? 0 : 1;
        FractureSpec[] specs = new FractureSpec[2];
        List<FractureSpec> list = new ArrayList<>();
        if (hip) {
            specs[0] = FractureSpec.draw(pick < 0.55 ? FractureSite.FEMORAL_NECK : FractureSite.INTERTROCHANTERIC, side, rnd);
            specs[1] = FractureSpec.draw(pick2 < 0.5 ? FractureSite.FEMORAL_NECK : FractureSite.INTERTROCHANTERIC, 1 - side, rnd);
            list.add(specs[0]);
            if (second < 0.08) list.add(specs[1]);
        } else {
            FractureSite first = pick < 0.4 ? FractureSite.PUBIC_RAMUS : pick < 0.55 ? FractureSite.ILIAC_WING
                    : pick < 0.8 ? FractureSite.ACETABULUM : FractureSite.SACRUM;
            specs[0] = FractureSpec.draw(first, side, rnd);
            FractureSite next = first == FractureSite.PUBIC_RAMUS && pick2 < 0.5 ? FractureSite.SACRUM : FractureSite.PUBIC_RAMUS;
            int nextSide = first == FractureSite.PUBIC_RAMUS && pick2 >= 0.5 ? 1 - side : side;
            specs[1] = FractureSpec.draw(next, nextSide, rnd);
            list.add(specs[0]);
            if (second < 0.35) list.add(specs[1]);
        }
        type = positive ? Optional.of(hip ? FractureType.HIP : FractureType.PELVIC) : Optional.empty();
        fractures = positive ? List.copyOf(list) : List.of();
    }
}
