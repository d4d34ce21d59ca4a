"""The monthly review's sections, one module each, in the order of the meeting's agenda."""
