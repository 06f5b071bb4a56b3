/* Code the maintenance thread and the shutdown path share. */
extern unsigned hashpower;

unsigned deleted;

void assoc_delete(void)
{
    if (hashpower > 20)
        deleted++;
}
