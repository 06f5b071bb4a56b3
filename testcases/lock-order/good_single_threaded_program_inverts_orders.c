// A program that starts no thread takes `config` and `cache` in both orders, one after the other:
// one thread cannot deadlock with itself this way.
#include <pthread.h>

static pthread_mutex_t config = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cache = PTHREAD_MUTEX_INITIALIZER;
static int setting, cached;

static void reload(void)
{
    pthread_mutex_lock(&config);
    pthread_mutex_lock(&cache);
    cached = setting;
    pthread_mutex_unlock(&cache);
    pthread_mutex_unlock(&config);
}

static void flush(void)
{
    pthread_mutex_lock(&cache);
    pthread_mutex_lock(&config);
    setting = cached;
    pthread_mutex_unlock(&config);
    pthread_mutex_unlock(&cache);
}

int main(void)
{
    reload();
    flush();
    return 0;
}
