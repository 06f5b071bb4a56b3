/* gl.h - a GL context belongs to the thread that made it current. */
#ifndef GL_H
#define GL_H
#include "../../../annotations/fearless.h"

typedef struct gl_context gl_context_t NOT_SEND;

gl_context_t *gl_current(void);
void gl_draw(gl_context_t *gl, int frame);
#endif
