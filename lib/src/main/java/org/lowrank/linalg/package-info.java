/** Linear-algebra kernels every other package builds on, one implementation each (the SVD: {@link org.lowrank.linalg.LapackSvd}). */
package org.lowrank.linalg;
