// Shared setup of every notebook: `%load setup.jsh` in cell 1.
// Imports the lib's packages and reads the scale (LOWRANK_SCALE=quick|paper; quick by default).
import java.util.*;
import java.util.stream.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.knowm.xchart.*;
import org.lowrank.notebook.*;
import org.lowrank.plot.*;
import org.lowrank.rank.*;
import org.lowrank.random.*;
import org.lowrank.expand.*;
import org.lowrank.optim.*;
import org.lowrank.experiment.*;
import org.lowrank.data.*;
import org.lowrank.train.*;
import org.lowrank.sensing.*;
import org.lowrank.models.*;
import org.lowrank.claims.*;

Scale SCALE = Scale.fromEnvironment();
// Committed larger-scale results (make reproduce), read by the notebooks' "at larger scale" sections
java.nio.file.Path RESULTS = java.nio.file.Path.of("..", "results");
System.out.println("Scale: " + SCALE + "  (set LOWRANK_SCALE=paper for the paper's sizes)");
// ND4J backend and device (CPU, or CUDA with the java-cuda kernel); if CUDA cannot start: why, and how to fall back
System.out.println(org.lowrank.backend.Backend.report());
