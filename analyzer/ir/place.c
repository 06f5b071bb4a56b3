/* ir/place.c - stub, being written */
