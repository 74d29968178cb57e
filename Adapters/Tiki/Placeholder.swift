enum TikiPlaceholder {}
