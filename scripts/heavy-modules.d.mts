export declare const HEAVY_MODULES: { about: string; packages: string[]; sources: string[] }
export declare function heavyInGraph(files: string[]): string[]
