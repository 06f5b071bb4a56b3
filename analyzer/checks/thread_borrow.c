/* checks/thread_borrow.c - stub, being written */
