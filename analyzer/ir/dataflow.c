/* ir/dataflow.c - stub, being written */
